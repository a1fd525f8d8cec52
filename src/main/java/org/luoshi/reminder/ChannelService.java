package org.luoshi.reminder;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.DataScopes;
import org.luoshi.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A unit's webhook robots, kept by the supervisors of its jurisdiction or the system administrator. */
@Service
public class ChannelService {

    public enum Format {
        WECOM("企业微信群机器人"),
        DINGTALK("钉钉群机器人"),
        FEISHU("飞书群机器人"),
        GENERIC("通用 JSON");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Channel(long id, long unitId, String format, String url, boolean enabled) {}

    private final JdbcClient jdbc;
    private final UnitQuery units;
    private final DataScopes scopes;

    ChannelService(JdbcClient jdbc, UnitQuery units, DataScopes scopes) {
        this.jdbc = jdbc;
        this.units = units;
        this.scopes = scopes;
    }

    public List<Channel> of(CurrentUser user, long unitId) {
        Unit unit = unit(user, unitId);
        return jdbc.sql("SELECT id, unit_id, format, url, enabled FROM reminder_channel WHERE unit_id = :u ORDER BY id")
                .param("u", unit.id())
                .query(Channel.class)
                .list();
    }

    @Transactional
    public Channel add(CurrentUser user, long unitId, Format format, String url) {
        Unit unit = unit(user, unitId);
        if (format == null) {
            throw DomainException.invalid("channel.format", "format", "请选择机器人类型：WECOM、DINGTALK、FEISHU 或 GENERIC");
        }
        String u = url == null ? "" : url.strip();
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("channel.url", "url", "“{0}”不是有效的地址", u);
        }
        if (u.length() > 500
                || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw DomainException.invalid("channel.url", "url", "机器人地址须为 http(s):// 开头的完整地址");
        }
        return jdbc.sql("""
                        INSERT INTO reminder_channel (unit_id, format, url, created_by) VALUES (:unit, :format, :url, :by)
                        ON CONFLICT (unit_id, url) DO UPDATE SET format = EXCLUDED.format, enabled = true
                        RETURNING id, unit_id, format, url, enabled
                        """)
                .param("unit", unit.id())
                .param("format", format.name())
                .param("url", u)
                .param("by", user.username())
                .query(Channel.class)
                .single();
    }

    @Transactional
    public void remove(CurrentUser user, long unitId, long channelId) {
        unit(user, unitId);
        int n = jdbc.sql("DELETE FROM reminder_channel WHERE id = :id AND unit_id = :u")
                .params(Map.of("id", channelId, "u", unitId))
                .update();
        if (n == 0) {
            throw DomainException.notFound("channel.notFound", "机器人不存在");
        }
    }

    private Unit unit(CurrentUser user, long unitId) {
        if (!user.has(Role.SUPERVISOR) && !user.has(Role.SYSTEM_ADMIN)) {
            throw DomainException.forbidden("channel.notAllowed", "只有督查员或系统管理员可以设置催办机器人");
        }
        return units.find(unitId, user.has(Role.SYSTEM_ADMIN) ? org.luoshi.org.UnitScope.all() : scopes.of(user))
                .orElseThrow(() -> DomainException.notFound("unit.notFound", "单位不存在或不在您的数据范围内"));
    }
}
