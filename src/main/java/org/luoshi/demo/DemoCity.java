package org.luoshi.demo;

import static org.luoshi.org.UnitKind.CITY;
import static org.luoshi.org.UnitKind.COUNTY;
import static org.luoshi.org.UnitKind.DEPARTMENT;
import static org.luoshi.org.UnitKind.TOWN;
import static org.luoshi.org.UnitKind.VILLAGE;
import static org.luoshi.security.Role.AUDIT_ADMIN;
import static org.luoshi.security.Role.LEADER;
import static org.luoshi.security.Role.LIAISON;
import static org.luoshi.security.Role.SECURITY_ADMIN;
import static org.luoshi.security.Role.SUPERVISOR;
import static org.luoshi.security.Role.SYSTEM_ADMIN;
import static org.luoshi.security.Role.UNIT_HEAD;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.luoshi.org.UnitKind;
import org.luoshi.security.Role;

/** The demo city as data: fixed codes and names, so every demo run is the same. */
final class DemoCity {

    record UnitSeed(String code, String parentCode, String name, String shortName, UnitKind kind) {}

    record AccountSeed(String username, String displayName, String title, String unitCode, Set<Role> roles) {}

    /** The accounts README documents; their usernames are fixed. */
    static final List<AccountSeed> NAMED_ACCOUNTS = List.of(
            new AccountSeed("supervisor", "李明华", "督查一科科长", "SF-DCJ", Set.of(SUPERVISOR)),
            new AccountSeed("leader", "张志远", "副市长", "SF", Set.of(LEADER)),
            new AccountSeed("liaison", "陈晓燕", "区政府办督查联络员", "SF-LJ", Set.of(LIAISON)),
            new AccountSeed("townliaison", "刘洋", "街道党政办联络员", "SF-LJ-JB", Set.of(LIAISON)),
            new AccountSeed("unithead", "赵国强", "区长", "SF-LJ", Set.of(UNIT_HEAD)),
            new AccountSeed("deptliaison", "孙丽", "综合科联络员", "SF-FGW", Set.of(LIAISON)),
            new AccountSeed("sysadmin", "周涛", "系统管理员", "SF-DSJ", Set.of(SYSTEM_ADMIN)),
            new AccountSeed("secadmin", "吴敏", "安全管理员", "SF-DSJ", Set.of(SECURITY_ADMIN)),
            new AccountSeed("auditor", "郑华", "审计管理员", "SF-DSJ", Set.of(AUDIT_ADMIN)));

    private static final String[][] DEPARTMENTS = {
        {"SF-DCJ", "市委市政府督查局", "督查局"},
        {"SF-FGW", "市发展和改革委员会", "市发改委"},
        {"SF-CZJ", "市财政局", "市财政局"},
        {"SF-JYJ", "市教育局", "市教育局"},
        {"SF-KJJ", "市科学技术局", "市科技局"},
        {"SF-GXJ", "市工业和信息化局", "市工信局"},
        {"SF-MZJ", "市民政局", "市民政局"},
        {"SF-RSJ", "市人力资源和社会保障局", "市人社局"},
        {"SF-ZRJ", "市自然资源和规划局", "市自然资源局"},
        {"SF-STJ", "市生态环境局", "市生态环境局"},
        {"SF-ZJJ", "市住房和城乡建设局", "市住建局"},
        {"SF-JTJ", "市交通运输局", "市交通局"},
        {"SF-SLJ", "市水利局", "市水利局"},
        {"SF-NYJ", "市农业农村局", "市农业农村局"},
        {"SF-SWJ", "市商务局", "市商务局"},
        {"SF-WLJ", "市文化和旅游局", "市文旅局"},
        {"SF-WJW", "市卫生健康委员会", "市卫健委"},
        {"SF-YJJ", "市应急管理局", "市应急局"},
        {"SF-SJJ", "市审计局", "市审计局"},
        {"SF-TJJ", "市统计局", "市统计局"},
        {"SF-YBJ", "市医疗保障局", "市医保局"},
        {"SF-DSJ", "市大数据中心", "市大数据中心"},
    };

    /** County code, name, then its towns as code:name, and villages as townCode>code:name. */
    private static final String[][] COUNTIES = {
        {
            "SF-LJ",
            "临江区",
            "SF-LJ-JB:江北街道",
            "SF-LJ-HX:河西街道",
            "SF-LJ-BT:滨海镇",
            "SF-LJ-JB>SF-LJ-JB-XG:新港社区",
            "SF-LJ-JB>SF-LJ-JB-WT:望潮社区",
            "SF-LJ-BT>SF-LJ-BT-YC:渔村村"
        },
        {"SF-QS", "青山区", "SF-QS-DS:东山街道", "SF-QS-NY:南苑街道", "SF-QS-SP:松坪镇", "SF-QS-DS>SF-QS-DS-HY:花园社区"},
        {
            "SF-YX",
            "云溪县",
            "SF-YX-CG:城关镇",
            "SF-YX-SX:双溪镇",
            "SF-YX-LS:柳树乡",
            "SF-YX-CG>SF-YX-CG-BS:北山村",
            "SF-YX-LS>SF-YX-LS-SK:上坑村"
        },
        {"SF-SM", "石门县", "SF-SM-CG:城关镇", "SF-SM-TP:太平镇", "SF-SM-QT:清潭乡", "SF-SM-TP>SF-SM-TP-DX:大溪村"},
        {"SF-BH", "北湖县", "SF-BH-HB:湖滨镇", "SF-BH-LG:龙岗镇", "SF-BH-XH:杏花乡", "SF-BH-HB>SF-BH-HB-YL:杨柳社区"},
    };

    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "胡", "朱", "郭", "何", "林", "高", "罗", "梁"
    };
    private static final String[] GIVEN = {
        "建华", "秀英", "志强", "丽娟", "海燕", "文博", "国平", "晓东", "慧敏", "春雷", "玉兰", "宏伟", "雪梅", "立新", "婷婷", "振华", "桂芳", "俊杰",
        "红霞", "德明"
    };

    private DemoCity() {}

    static List<UnitSeed> units() {
        List<UnitSeed> units = new ArrayList<>();
        units.add(new UnitSeed("SF", null, "示范市", "示范市", CITY));
        for (String[] d : DEPARTMENTS) {
            units.add(new UnitSeed(d[0], "SF", d[1], d[2], DEPARTMENT));
        }
        for (String[] c : COUNTIES) {
            units.add(new UnitSeed(c[0], "SF", c[1], c[1], COUNTY));
            units.add(new UnitSeed(
                    c[0] + "-DCS",
                    c[0],
                    c[1] + "委" + c[1].substring(c[1].length() - 1) + "政府督查室",
                    c[1] + "督查室",
                    DEPARTMENT));
            for (int i = 2; i < c.length; i++) {
                String entry = c[i];
                int gt = entry.indexOf('>');
                String[] codeName = entry.substring(gt + 1).split(":");
                String parent = gt < 0 ? c[0] : entry.substring(0, gt);
                units.add(new UnitSeed(codeName[0], parent, codeName[1], codeName[1], gt < 0 ? TOWN : VILLAGE));
            }
        }
        return units;
    }

    /** The named accounts, then a liaison for every other department and county, deterministic names. */
    static List<AccountSeed> accounts() {
        List<AccountSeed> accounts = new ArrayList<>(NAMED_ACCOUNTS);
        accounts.add(new AccountSeed("supervisor2", "黄立新", "督查二科科长", "SF-DCJ", Set.of(SUPERVISOR)));
        accounts.add(new AccountSeed("leader2", "林振华", "副市长", "SF", Set.of(LEADER)));
        int n = 0;
        for (String[] d : DEPARTMENTS) {
            if (d[0].equals("SF-FGW") || d[0].equals("SF-DSJ") || d[0].equals("SF-DCJ")) {
                continue;
            }
            String user = d[0].substring(3).toLowerCase() + ".liaison";
            accounts.add(new AccountSeed(user, name(n++), "联络员", d[0], Set.of(LIAISON)));
        }
        for (String[] c : COUNTIES) {
            if (c[0].equals("SF-LJ")) {
                continue;
            }
            String prefix = c[0].substring(3).toLowerCase();
            accounts.add(new AccountSeed(prefix + ".liaison", name(n++), "督查联络员", c[0], Set.of(LIAISON)));
            accounts.add(new AccountSeed(
                    prefix + ".head", name(n++), c[1].endsWith("县") ? "县长" : "区长", c[0], Set.of(UNIT_HEAD)));
            accounts.add(
                    new AccountSeed(prefix + ".supervisor", name(n++), "督查室主任", c[0] + "-DCS", Set.of(SUPERVISOR)));
        }
        accounts.add(new AccountSeed("lj.supervisor", name(n), "督查室主任", "SF-LJ-DCS", Set.of(SUPERVISOR)));
        return accounts;
    }

    private static String name(int i) {
        return SURNAMES[(i * 7) % SURNAMES.length] + GIVEN[(i * 3 + 1) % GIVEN.length];
    }
}
