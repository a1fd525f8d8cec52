package org.luoshi.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.luoshi.support.IntegrationTest;

/** Journeys in Debian's Chromium; each keeps a screenshot under target/screenshots. */
class BrowserJourneyIT extends IntegrationTest {

    static final Path SHOTS = Path.of("target", "screenshots");
    static Playwright playwright;
    static Browser browser;
    BrowserContext context;
    Page page;

    @BeforeAll
    static void launch() throws Exception {
        Files.createDirectories(SHOTS);
        // a busy two-core machine renders slower than a laptop: wait longer before calling a page wrong
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        playwright = Playwright.create();
        browser = org.luoshi.support.Chromium.launch(playwright);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void open() {
        context = browser.newContext(
                new Browser.NewContextOptions().setLocale("zh-CN").setViewportSize(1366, 860));
        page = context.newPage();
    }

    @AfterEach
    void shut() {
        context.close();
    }

    private void signIn(String username) {
        page.navigate(base() + "/login");
        page.getByLabel("用户名").fill(username);
        page.getByLabel("密码").fill(DEMO_PASSWORD);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登 录"))
                .click();
    }

    private void shot(String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    @Test
    void liaisonSignsInAndSeesHisUnitAndScope() {
        page.navigate(base() + "/login");
        assertThat(page.locator("h1")).hasText("落实");
        shot("01-login");
        signIn("liaison");
        page.waitForURL(base() + "/");
        assertThat(page.locator("h1")).containsText("陈晓燕");
        assertThat(page.locator("main")).containsText("临江区");
        assertThat(page.locator("main")).containsText("我的数据范围");
        shot("02-liaison-home");

        page.locator("main a.btn", new Page.LocatorOptions().setHasText("临江区"))
                .first()
                .click();
        assertThat(page.locator("h1")).hasText("临江区");
        assertThat(page.locator("table.list")).containsText("江北街道");
        shot("03-liaison-county");
    }

    @Test
    void wrongPasswordShowsAClearMessage() {
        page.navigate(base() + "/login");
        page.getByLabel("用户名").fill("townliaison");
        page.getByLabel("密码").fill("wrong-password");
        page.locator("button[type=submit]").click();
        assertThat(page.locator(".alert.error")).containsText("用户名或密码错误");
        shot("04-login-error");
    }

    @Test
    void auditAdministratorSeesTheTrail() {
        signIn("auditor");
        page.waitForURL(base() + "/");
        page.locator("nav.sidebar a", new Page.LocatorOptions().setHasText("审计日志"))
                .click();
        assertThat(page.locator("h1")).hasText("审计日志");
        assertThat(page.locator("#audit-trail")).containsText("auditor 登录成功");
        assertThat(page.locator("#audit-trail tbody tr").first()).isVisible();
        shot("05-audit-trail");

        page.locator("select[name=action]").selectOption("login.succeeded");
        page.locator("form.toolbar button[type=submit]").click();
        assertThat(page.locator("#audit-trail")).not().containsText("新建单位");
        shot("06-audit-filtered");
    }

    @Test
    void systemAdministratorAddsAUnitThroughTheForm() {
        signIn("sysadmin");
        page.waitForURL(base() + "/");
        page.navigate(base() + "/admin/units?parent=" + unitId("SF-BH"));
        assertThat(page.locator("table.list")).containsText("湖滨镇");
        shot("07-units-county");
        page.locator("a.btn", new Page.LocatorOptions().setHasText("新建"))
                .first()
                .click();
        page.locator("#name").fill("望湖街道");
        page.locator("#code").fill("SF-BH-WH");
        page.locator("button[type=submit]", new Page.LocatorOptions().setHasText("保存"))
                .click();
        assertThat(page.locator(".alert.notice")).containsText("望湖街道");
        assertThat(page.locator("table.list")).containsText("望湖街道");

        page.navigate(base() + "/admin/units/new?parent=" + unitId("SF-BH"));
        page.locator("#name").fill("湖滨镇");
        page.locator("#code").fill("SF-BH-DUP");
        page.locator("button[type=submit]", new Page.LocatorOptions().setHasText("保存"))
                .click();
        assertThat(page.locator(".alert.error")).containsText("已有名为“湖滨镇”的单位");
        assertThat(page.locator("#name")).hasClass(java.util.regex.Pattern.compile("field-error"));
        shot("08-unit-form-error");

        page.navigate(base() + "/admin/calendar?year=2026");
        assertThat(page.locator("#calendar-days")).containsText("春节调休上班");
        shot("13-calendar-2026");
        assertThat(jdbc.sql("SELECT count(*) FROM unit WHERE code = 'SF-BH-DUP'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void systemAdministratorOpensAnAccountWithTheUnitPicker() {
        signIn("sysadmin");
        page.waitForURL(base() + "/");
        page.navigate(base() + "/admin/accounts");
        page.locator("a.btn", new Page.LocatorOptions().setHasText("新建账户")).click();
        page.locator("#username").fill("jb.head");
        page.locator("#displayName").fill("梁春雷");
        page.locator("#unit-search").pressSequentially("江北");
        // htmx fills the unit choices as the name is typed
        assertThat(page.locator("#unitId option")).containsText(new String[] {"江北街道（SF-LJ-JB）"});
        page.locator("input[name=roles][value=UNIT_HEAD]").check();
        page.locator("#password").fill("Start#2026a");
        page.locator("button[type=submit]", new Page.LocatorOptions().setHasText("保存"))
                .click();
        assertThat(page.locator(".alert.notice")).containsText("已创建账户 jb.head");
        shot("10-account-created");

        page.onceDialog(dialog -> dialog.accept());
        page.locator("button", new Page.LocatorOptions().setHasText("重置密码")).click();
        assertThat(page.locator(".secret")).isVisible();
        String temporary = page.locator(".secret").textContent().strip();
        assertThat(temporary).hasSize(12);
        shot("11-password-reset");
        assertThat(jdbc.sql("SELECT u.code FROM account a JOIN unit u ON u.id = a.unit_id WHERE a.username = 'jb.head'")
                        .query(String.class)
                        .single())
                .isEqualTo("SF-LJ-JB");
    }

    @Test
    void securityAdministratorCannotMixAdministratorRoles() {
        signIn("secadmin");
        page.waitForURL(base() + "/");
        page.navigate(base() + "/admin/roles?q=deptliaison");
        page.locator("table.list a", new Page.LocatorOptions().setHasText("deptliaison"))
                .click();
        page.locator("input[name=roles][value=AUDIT_ADMIN]").check();
        page.locator("button[type=submit]", new Page.LocatorOptions().setHasText("保存"))
                .click();
        assertThat(page.locator(".alert.error")).containsText("三员分立");
        shot("12-roles-conflict");
        assertThat(jdbc.sql("SELECT count(*) FROM account_role r JOIN account a ON a.id = r.account_id "
                                + "WHERE a.username = 'deptliaison' AND r.role = 'AUDIT_ADMIN'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anItemGoesFromRegistrationThroughTheCountyAndATownToClosure() {
        signIn("supervisor");
        page.waitForURL(base() + "/");
        page.navigate(base() + "/workbench");
        assertThat(page.locator("#queue-TO_JUDGE")).containsText("待判定办结");
        shot("18-supervisor-workbench");
        page.navigate(base() + "/items?overdue=true");
        assertThat(page.locator("#ledger tbody tr").first()).containsText("逾期");
        shot("19-supervisor-overdue-ledger");
        page.locator("#filter-unit").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("临江区"));
        page.locator("#ledger-filter button[type=submit]").click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*unit=\\d+.*overdue=true.*"));
        com.microsoft.playwright.Download download =
                page.waitForDownload(() -> page.locator("#export").click());
        org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).endsWith(".xlsx");
        org.assertj.core.api.Assertions.assertThat(download.failure()).isNull();
        shot("19b-ledger-filtered-by-unit");
        page.locator("nav.sidebar a", new Page.LocatorOptions().setHasText("立项"))
                .click();
        page.locator("#title").fill("实施老旧小区改造12个");
        page.locator("#content").fill("完成12个老旧小区的管网、屋面和加装电梯改造");
        page.locator("#kind").selectOption("LIVELIHOOD");
        page.locator("#leadUnitId").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("临江区"));
        page.locator("#deadline").fill("2099-11-30");
        page.locator("#sourceIds").selectOption(new String[] {
            page.locator("#sourceIds option", new Page.LocatorOptions().setHasText("市政府工作报告"))
                    .first()
                    .getAttribute("value")
        });
        page.locator("input[name=milestoneTitle]").first().fill("完成设计和招标");
        page.locator("input[name=milestoneDate]").first().fill("2099-05-31");
        page.locator("input[name=milestoneTitle]").nth(1).fill("完成主体改造");
        page.locator("input[name=milestoneDate]").nth(1).fill("2099-12-31");
        page.locator("#tags").fill("民生实事，老旧小区");
        button("保存").click();
        assertThat(page.locator(".alert.error")).containsText("第2个时序节点");
        assertThat(page.locator("#title")).hasValue("实施老旧小区改造12个");
        page.locator("input[name=milestoneDate]").nth(1).fill("2099-10-31");
        button("保存").click();
        assertThat(page.locator(".alert.notice")).containsText("已立项");
        assertThat(page.locator("#milestones")).containsText("完成设计和招标");
        assertThat(page.locator("#sources")).containsText("市政府工作报告");
        assertThat(page.locator("#item-tags")).containsText("老旧小区");
        page.locator("#edit-item").click();
        page.locator("#level").selectOption("KEY");
        button("保存").click();
        assertThat(page.locator("#timeline")).containsText("督办等级（一般→重点）");
        shot("19c-item-registered-with-milestones");
        button("派发").click();
        assertThat(page.locator("#item-status")).hasText("已派发");
        shot("20-item-dispatched");
        switchTo("liaison");

        page.navigate(base() + "/items?status=DISPATCHED&q=实施老旧小区改造12个");
        page.locator("#ledger a", new Page.LocatorOptions().setHasText("实施老旧小区改造12个"))
                .click();
        String parentUrl = page.url();
        button("签收").click();
        assertThat(page.locator("#item-status")).hasText("已签收");
        page.locator("input[name=text]").fill("<script>alert('x')</script>已召开专题会部署");
        button("留言").click();
        assertThat(page.locator("#timeline")).containsText("<script>alert('x')</script>已召开专题会部署");
        page.locator("#decompose label", new Page.LocatorOptions().setHasText("江北街道"))
                .locator("input")
                .check();
        page.locator("#decompose label", new Page.LocatorOptions().setHasText("河西街道"))
                .locator("input")
                .check();
        page.locator("#child-deadline").fill("2099-10-31");
        button("分解并派发").click();
        assertThat(page.locator(".alert.notice")).containsText("操作成功");
        assertThat(page.locator("main")).containsText("实施老旧小区改造12个（江北街道）");
        shot("21-item-decomposed");
        switchTo("townliaison");

        page.navigate(base() + "/items?q=实施老旧小区改造12个");
        shot("21b-town-ledger");
        page.locator("#ledger a", new Page.LocatorOptions().setHasText("实施老旧小区改造12个（江北街道）"))
                .click();
        String childUrl = page.url();
        button("签收").click();
        page.locator("#evidence input[type=file]")
                .setInputFiles(new com.microsoft.playwright.options.FilePayload(
                        "竣工验收报告.pdf",
                        "application/pdf",
                        "%PDF-1.7\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        page.locator("#evidence button[type=submit]").click();
        assertThat(page.locator(".alert.notice")).containsText("已上传 竣工验收报告.pdf");
        assertThat(page.locator("#evidence a")).hasText("竣工验收报告.pdf");
        page.locator("#item-actions input[placeholder='办结情况说明']").fill("江北街道4个小区改造全部完工");
        button("申请办结").click();
        assertThat(page.locator("#item-status")).hasText("申请办结");
        shot("22-town-closure-requested");
        switchTo("supervisor");

        page.navigate(childUrl);
        button("退回重办").click();
        assertThat(page.locator(".alert.error")).containsText("退回理由");
        page.locator("#item-actions input[placeholder='意见（退回时必填）']").fill("缺少竣工验收材料的签章页");
        button("退回重办").click();
        assertThat(page.locator("#item-status")).hasText("办理中");
        shot("23-closure-refused");
        switchTo("townliaison");

        page.navigate(childUrl);
        page.locator("#item-actions input[placeholder='办结情况说明']").fill("已补充签章页");
        page.locator("#closure-form input[type=file]")
                .setInputFiles(new com.microsoft.playwright.options.FilePayload(
                        "签章页.pdf",
                        "application/pdf",
                        "%PDF-1.7\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        button("申请办结").click();
        assertThat(page.locator("#item-status")).hasText("申请办结");
        assertThat(page.locator("#evidence")).containsText("签章页.pdf");
        switchTo("supervisor");

        page.navigate(childUrl);
        page.locator("select[name=rating]").selectOption("SATISFIED");
        button("同意销号").click();
        assertThat(page.locator("#item-status")).hasText("已办结");
        assertThat(page.locator("#timeline")).containsText("缺少竣工验收材料的签章页");
        shot("24-town-item-closed");
        page.navigate(parentUrl);
        assertThat(page.locator("main")).containsText("已办结");
        shot("25-parent-roll-up");
    }

    @Test
    void aCitizensSuggestionIsPassedToATownClosedAnsweredAndRated() {
        // the citizen, signed in nowhere
        page.navigate(base() + "/public/suggestions");
        page.locator("#category").selectOption("TRAFFIC");
        page.locator("#content").fill("江北街道新港路与望潮路口红绿灯时长太短，老人过马路来不及，建议延长行人绿灯时间。");
        page.locator("#name").fill("周女士");
        page.locator("#phone").fill("13800135678");
        page.locator("#attachment")
                .setInputFiles(new com.microsoft.playwright.options.FilePayload(
                        "路口照片.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0}));
        shot("60-citizen-suggestion-form");
        page.locator("#suggestion-submit").click();
        String code = page.locator("#tracking-code").textContent().strip();
        assertThat(code).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        shot("61-citizen-tracking-code");

        signIn("supervisor");
        page.navigate(base() + "/suggestions?status=SUBMITTED");
        page.locator("#suggestion-list a", new Page.LocatorOptions().setHasText(code))
                .click();
        assertThat(page.locator("#suggestion-phone")).hasText("138****5678");
        button("受理").click();
        page.locator("#reveal-phone").click();
        assertThat(page.locator("#suggestion-phone")).hasText("13800135678");
        page.locator("#transfer-unit")
                .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("江北街道"));
        page.locator("#transfer-title").fill("延长新港路望潮路口行人绿灯时间");
        // the farthest deadline of any test: the bulletin's good examples list the earliest closures first
        page.locator("#transfer-deadline").fill("2100-06-30");
        shot("62-supervisor-triage");
        page.locator("#transfer-submit").click();
        assertThat(page.locator("#suggestion-status")).hasText("已转办");
        page.locator("#suggestion-item").click();
        String itemUrl = page.url();
        assertThat(page.locator("#item-status")).hasText("已派发");
        assertThat(page.locator("main")).not().containsText("13800135678");
        switchTo("townliaison");

        page.navigate(itemUrl);
        button("签收").click();
        page.locator("#evidence input[type=file]")
                .setInputFiles(new com.microsoft.playwright.options.FilePayload(
                        "配时调整记录.pdf",
                        "application/pdf",
                        "%PDF-1.7\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        page.locator("#evidence button[type=submit]").click();
        page.locator("#item-actions input[placeholder='办结情况说明']").fill("已会同交警将该路口行人绿灯由25秒延长至40秒，并增设语音提示。");
        button("申请办结").click();
        assertThat(page.locator("#item-status")).hasText("申请办结");
        switchTo("supervisor");
        page.navigate(itemUrl);
        page.locator("select[name=rating]").selectOption("SATISFIED");
        button("同意销号").click();
        assertThat(page.locator("#item-status")).hasText("已办结");

        // the citizen again, with nothing but the code
        context.clearCookies();
        page.navigate(base() + "/public/suggestions/track");
        page.locator("#code").fill(code.toLowerCase());
        page.locator("#track-go").click();
        assertThat(page.locator("#track-status")).hasText("已答复");
        assertThat(page.locator("#track-answer")).containsText("延长至40秒");
        assertThat(page.locator("main")).not().containsText("周女士");
        assertThat(page.locator("main")).not().containsText("5678");
        page.locator("#rate-form label", new Page.LocatorOptions().setHasText("满意"))
                .first()
                .locator("input")
                .check();
        page.locator("#rate-submit").click();
        assertThat(page.locator("#public-notice")).hasText("感谢您的评价");
        assertThat(page.locator("#track-rating")).hasText("满意");
        shot("63-citizen-reads-answer-and-rates");

        // the month's bulletin for the city counts the closure and names it as a good example
        signIn("supervisor");
        page.waitForURL(base() + "/");
        page.locator("nav.sidebar a", new Page.LocatorOptions().setHasText("通报"))
                .click();
        page.locator("#bulletin-kind").selectOption("MONTH");
        page.locator("#bulletin-draft-go").click();
        button("按最新台账重新起草").click();
        assertThat(page.locator("#bulletin-ranking")).containsText("临江区");
        assertThat(page.locator("#bulletin-good")).containsText("延长新港路望潮路口行人绿灯时间");
        page.locator("#bulletin-title").fill(page.locator("#bulletin-title").inputValue() + "（第一稿）");
        page.locator("#bulletin-save").click();
        assertThat(page.locator(".alert.notice")).hasText("已保存");
        shot("64-bulletin-draft");
        page.locator("#bulletin-publish").click();
        assertThat(page.locator("#bulletin-status")).containsText("已发布");
        assertThat(page.locator("#bulletin-document")).containsText("典型经验");
        assertThat(page.locator("#bulletin-document")).containsText("延长新港路望潮路口行人绿灯时间");
        shot("65-bulletin-published");
        com.microsoft.playwright.Download doc =
                page.waitForDownload(() -> page.locator("#bulletin-docx").click());
        org.assertj.core.api.Assertions.assertThat(doc.suggestedFilename()).endsWith(".docx");
        // the year's assessment of the city's units counts the citizen's rating for 临江区
        page.navigate(base() + "/assessments");
        page.locator("#assessment-unit")
                .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("示范市"));
        page.locator("#assessment-name").fill("示范市" + java.time.Year.now() + "年度督查督办考核");
        page.locator("#assessment-create").click();
        long county = unitId("SF-LJ");
        assertThat(page.locator("#score-" + county)).containsText("临江区");
        page.locator("#score-" + county + " + tr summary").click();
        assertThat(page.locator("#score-" + county + " + tr"))
                .containsText(java.util.regex.Pattern.compile("群众评价[1-9][0-9]*条"));
        shot("65b-assessment-of-the-city");
        // and the town reads the published bulletin
        switchTo("townliaison");
        page.navigate(base() + "/bulletins");
        page.locator("#bulletin-list a").first().click();
        assertThat(page.locator("#bulletin-document")).containsText("各单位排名");
    }

    @Test
    void aSupervisorAssessesTheTownsTriesWeightsAndAnswersAnAppeal() {
        signIn("supervisor");
        page.waitForURL(base() + "/");
        page.locator("nav.sidebar a", new Page.LocatorOptions().setHasText("考核评价"))
                .click();
        page.locator("#assessment-unit")
                .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("临江区"));
        page.locator("#assessment-name").fill("临江区街镇年度目标绩效考核");
        page.locator("#assessment-create").click();
        assertThat(page.locator(".alert.notice")).containsText("已建立考核方案");
        assertThat(page.locator("#assessment-scores")).containsText("江北街道");
        // what if only on-time closure counted?
        for (String c :
                List.of("REPORT_PUNCTUALITY", "INDICATOR_COMPLETION", "CLOSURE_RATING", "CITIZEN_SATISFACTION")) {
            page.locator("#w-" + c).fill("0");
        }
        page.locator("#w-ON_TIME_CLOSURE").fill("100");
        page.locator("#assessment-try").click();
        assertThat(page.locator("#assessment-what-if")).containsText("江北街道");
        assertThat(page.locator("#w-ON_TIME_CLOSURE")).hasValue("100");
        shot("66-assessment-what-if");
        page.navigate(page.url().replace("/what-if", ""));
        page.locator("#assessment-adjust #adjust-unit")
                .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("江北街道"));
        page.locator("#adjust-points").fill("-2");
        page.locator("#adjust-reason").fill("进展报送两次迟报");
        page.locator("#adjust-evidence").fill("督查通报2026年第2期");
        page.locator("#adjust-submit").click();
        assertThat(page.locator(".alert.notice")).hasText("已记入加减分");
        page.locator("#assessment-publicize").click();
        assertThat(page.locator("#assessment-stage")).hasText("公示中");
        String schemeUrl = page.url();
        switchTo("townliaison");

        page.navigate(schemeUrl);
        assertThat(page.locator("#assessment-scores")).containsText("进展报送两次迟报");
        assertThat(page.locator("#assessment-scores")).not().containsText("河西街道");
        page.locator("#appeal-line").selectOption("减分");
        page.locator("#appeal-reason").fill("第二次迟报是系统升级停机所致，附大数据中心说明。");
        page.locator("#appeal-submit").click();
        assertThat(page.locator("#assessment-appeals")).containsText("待答复");
        shot("67-assessment-town-appeals");
        switchTo("supervisor");

        page.navigate(schemeUrl);
        page.locator("#assessment-appeals input[name=reply]").fill("情况属实，撤销一次迟报扣分");
        page.locator("#assessment-appeals input[name=correction]").fill("1");
        button("采纳并更正").click();
        assertThat(page.locator("#assessment-appeals")).containsText("已采纳");
        page.locator("#assessment-publish").click();
        assertThat(page.locator("#assessment-stage")).hasText("已发布");
        assertThat(page.locator("#assessment-adjust")).hasCount(0);
        shot("68-assessment-published");
    }

    private com.microsoft.playwright.Locator button(String name) {
        return page.getByRole(
                com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private void switchTo(String username) {
        context.clearCookies();
        signIn(username);
        page.waitForURL(base() + "/");
    }

    /** Three accepted 临江区 items of this month, one with an investment indicator; ids in order. */
    private List<Long> threeItemsToReportOn() {
        var api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        String liaison = api.token("liaison", DEMO_PASSWORD);
        api.put(
                "/api/v1/units/" + unitId("SF-LJ") + "/report-settings",
                supervisor,
                java.util.Map.of("headApprovalRequired", true));
        java.time.LocalDate today = java.time.LocalDate.now();
        List<Long> ids = new java.util.ArrayList<>();
        for (String title : List.of("滨江绿道贯通工程", "社区养老服务中心建设", "农贸市场提升改造")) {
            java.util.Map<String, Object> body = new java.util.HashMap<>(java.util.Map.of(
                    "title",
                    title,
                    "content",
                    "按计划推进",
                    "kind",
                    "PROJECT",
                    "leadUnitId",
                    unitId("SF-LJ"),
                    "startDate",
                    today.minusDays(60).toString(),
                    "deadline",
                    today.plusDays(60).toString(),
                    "cadence",
                    "MONTHLY"));
            if (ids.isEmpty()) {
                body.put(
                        "indicators",
                        List.of(java.util.Map.of(
                                "name", "完成投资", "measure", "亿元", "target", 2, "direction", "INCREASE")));
            }
            long id =
                    api.post("/api/v1/items", supervisor, body).json().get("id").asLong();
            api.post("/api/v1/items/" + id + "/dispatch", supervisor, java.util.Map.of());
            api.post("/api/v1/items/" + id + "/accept", liaison, java.util.Map.of());
            ids.add(id);
        }
        return ids;
    }

    @Test
    void aLiaisonReportsOnThreeItemsTheHeadApprovesTheSupervisorReturnsOne() {
        List<Long> ids = threeItemsToReportOn();
        signIn("liaison");
        page.waitForURL(base() + "/");
        page.navigate(base() + "/progress");
        assertThat(page.locator("main")).containsText("报送前须经单位负责人审核");
        String[] work = {"绿道主线完成土方", "完成装修招标", "完成钢结构棚架"};
        String[] percent = {"三成", "40", "55"};
        for (int i = 0; i < 3; i++) {
            var row = page.locator("#item-" + ids.get(i));
            row.locator("textarea").fill(work[i]);
            row.locator("input[name^=percent_]").fill(percent[i]);
        }
        page.locator("#item-" + ids.get(0) + " input[name^=value_]").fill("0.9");
        button("报送").click();
        assertThat(page.locator(".alert.error")).containsText("完成进度须为数字");
        // what was typed stays on the page
        assertThat(page.locator("#item-" + ids.get(1) + " textarea")).hasValue("完成装修招标");
        shot("30-period-form-error");
        page.locator("#item-" + ids.get(0) + " input[name^=percent_]").fill("45");
        page.locator("#item-" + ids.get(1) + " input[type=file]")
                .setInputFiles(new com.microsoft.playwright.options.FilePayload(
                        "装修招标公告.pdf",
                        "application/pdf",
                        "%PDF-1.7\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        button("报送").click();
        assertThat(page.locator(".alert.notice")).containsText("已报送 3 项");
        shot("31-period-form-submitted");
        switchTo("unithead");

        page.navigate(base() + "/progress/review");
        for (long id : ids) {
            page.locator("#review tr", new Page.LocatorOptions().setHas(page.locator("a[href='/items/" + id + "']")))
                    .getByRole(
                            com.microsoft.playwright.options.AriaRole.BUTTON,
                            new com.microsoft.playwright.Locator.GetByRoleOptions().setName("审核通过"))
                    .click();
            assertThat(page.locator(".alert.notice")).containsText("已审核通过");
        }
        shot("32-head-approved");
        switchTo("supervisor");

        page.navigate(base() + "/progress/review");
        var returned = page.locator(
                "#review tr", new Page.LocatorOptions().setHas(page.locator("a[href='/items/" + ids.get(2) + "']")));
        returned.locator("input[name=comment]").fill("请补充市场改造前后的对比照片");
        returned.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new com.microsoft.playwright.Locator.GetByRoleOptions().setName("退回"))
                .click();
        assertThat(page.locator(".alert.notice")).containsText("已退回");
        for (long id : ids.subList(0, 2)) {
            page.locator("#review tr", new Page.LocatorOptions().setHas(page.locator("a[href='/items/" + id + "']")))
                    .getByRole(
                            com.microsoft.playwright.options.AriaRole.BUTTON,
                            new com.microsoft.playwright.Locator.GetByRoleOptions().setName("采纳"))
                    .click();
            assertThat(page.locator(".alert.notice")).containsText("已采纳");
        }
        page.navigate(base() + "/items/" + ids.get(0));
        assertThat(page.locator("#pace-sentence")).containsText("时间进度");
        assertThat(page.locator("#indicators")).containsText("0.9");
        shot("33-item-pace-from-indicator");
        page.navigate(base() + "/items/" + ids.get(1));
        assertThat(page.locator("#reports")).containsText("装修招标公告.pdf");
        assertThat(page.locator("#evidence")).containsText("装修招标公告.pdf");
        page.navigate(base() + "/items/" + ids.get(2));
        assertThat(page.locator("#reports")).containsText("已退回");
        assertThat(page.locator("#reports")).containsText("对比照片");
        shot("34-item-report-returned");
        page.navigate(base() + "/items?kind=PROJECT&unit=" + unitId("SF-LJ"));
        shot("35-ledger-with-pace");
        page.navigate(base() + "/pace");
        assertThat(page.locator("#byUnit")).containsText("临江区");
        shot("36-pace-overview");
    }

    @Test
    void aSupervisorRemindsAndTheLiaisonSeesItInTheInbox() {
        long id = threeItemsToReportOn().getFirst();
        signIn("supervisor");
        page.waitForURL(base() + "/");
        page.navigate(base() + "/items/" + id);
        page.locator("#remind-form select[name=level]").selectOption("YELLOW");
        page.locator("#remind-form input[name=message]").fill("请于本周五前报送绿道贯通的施工计划");
        button("催办").click();
        assertThat(page.locator(".alert.notice")).containsText("已催办");
        assertThat(page.locator("#reminders")).containsText("黄牌");
        shot("40-item-reminded");
        page.locator("#add-indicator summary").click();
        page.locator("#add-indicator input[name=name]").fill("绿道贯通里程");
        page.locator("#add-indicator input[name=measure]").fill("公里");
        page.locator("#add-indicator input[name=target]").fill("十二");
        page.locator("#add-indicator button").click();
        assertThat(page.locator(".alert.error")).containsText("目标值须为数字");
        page.locator("#add-indicator summary").click();
        page.locator("#add-indicator input[name=name]").fill("绿道贯通里程");
        page.locator("#add-indicator input[name=measure]").fill("公里");
        page.locator("#add-indicator input[name=target]").fill("12");
        page.locator("#add-indicator button").click();
        assertThat(page.locator("#indicators")).containsText("绿道贯通里程");
        assertThat(page.locator("#indicators")).containsText("完成投资");
        switchTo("liaison");

        assertThat(page.locator("#inbox-link .count")).isVisible();
        page.locator("#inbox-link").click();
        assertThat(page.locator("#inbox tr.unread").first()).containsText("请于本周五前报送绿道贯通的施工计划");
        shot("41-liaison-inbox");
        page.locator("#inbox tr.unread")
                .first()
                .getByRole(com.microsoft.playwright.options.AriaRole.BUTTON)
                .click();
        assertThat(page).hasURL(base() + "/items/" + id);
        switchTo("sysadmin");

        page.navigate(base() + "/admin/jobs");
        page.locator("#jobs tr", new Page.LocatorOptions().setHasText("reminders.scan"))
                .getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new com.microsoft.playwright.Locator.GetByRoleOptions().setName("立即运行"))
                .click();
        assertThat(page.locator(".alert.notice")).containsText("已运行");
        assertThat(page.locator("#jobs tr", new Page.LocatorOptions().setHasText("reminders.scan")))
                .containsText("新建催办");
        shot("42-jobs");
    }

    private static byte[] sheet(String[]... rows) throws java.io.IOException {
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
                var out = new java.io.ByteArrayOutputStream()) {
            var s = wb.createSheet("台账");
            for (int r = 0; r < rows.length; r++) {
                var row = s.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void aSupervisorChecksALedgerFixesItAndImportsIt() throws Exception {
        String[] header = {"序号", "重点任务", "责任单位", "时间节点"};
        byte[] bad = sheet(
                header, new String[] {"1", "新建社区食堂5个", "临江县", "2099年6月底"}, new String[] {"2", "改造公厕20座", "青山区", "明年"});
        byte[] good = sheet(header, new String[] {"1", "新建社区食堂5个", "临江区", "2099年6月底"}, new String[] {
            "2", "改造公厕20座", "青山区", "2099-09-30"
        });
        signIn("supervisor");
        page.waitForURL(base() + "/");
        page.locator("nav.sidebar a", new Page.LocatorOptions().setHasText("台账导入"))
                .click();
        page.locator("#file")
                .setInputFiles(
                        new com.microsoft.playwright.options.FilePayload("台账.xlsx", "application/octet-stream", bad));
        page.locator("#check").click();
        assertThat(page.locator("#import-errors")).containsText("未找到单位“临江县”");
        assertThat(page.locator("#import-errors")).containsText("无法识别的日期“明年”");
        shot("50-import-errors");
        // "临江县" is what this bureau's sheets call 临江区: say so once, and the check finds it
        com.microsoft.playwright.Locator map =
                page.locator("#import-errors form.map-form").first();
        map.locator("select").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("临江区"));
        map.locator("button").click();
        assertThat(page.locator("#import-errors .map-saved")).containsText("临江县");
        page.locator("#file")
                .setInputFiles(
                        new com.microsoft.playwright.options.FilePayload("台账.xlsx", "application/octet-stream", bad));
        page.locator("#check").click();
        assertThat(page.locator("#import-errors")).not().containsText("临江县");
        assertThat(page.locator("#import-errors")).containsText("无法识别的日期“明年”");
        page.navigate(base() + "/imports");
        assertThat(page.locator("#name-mappings")).containsText("临江县");
        page.locator("#name-mappings button").first().click();
        assertThat(page.locator("#name-mappings")).hasCount(0);
        page.locator("#file")
                .setInputFiles(
                        new com.microsoft.playwright.options.FilePayload("台账.xlsx", "application/octet-stream", good));
        page.locator("#check").click();
        assertThat(page.locator("#import-ok")).containsText("可新增 2 项");
        page.locator("#do-import").click();
        assertThat(page.locator("#import-done")).containsText("新增 2 项");
        shot("51-import-done");
        page.navigate(base() + "/imports");
        assertThat(page.locator("#recent-imports")).containsText("台账.xlsx");
        page.locator("#recent-imports a").first().click();
        assertThat(page.locator("#import-done")).containsText("新增 2 项");
        page.navigate(base() + "/items?q=新建社区食堂5个");
        assertThat(page.locator("#ledger")).containsText("立项");
    }

    @Test
    void aSupervisorReadsAnOldSummaryAndTurnsItsPlansIntoDrafts() {
        String summary = """
                内部资料 禁止外传
                临江区科技局2026年上半年工作总结和下半年工作安排
                一、上半年工作完成情况
                （一）创新平台建设。新建研发中心X家。
                二、存在的问题
                企业研发投入偏低。
                三、下半年工作安排
                一是培育高新技术企业, 年内新增20家。
                二是建设科技企业孵化器。
                """;
        signIn("supervisor");
        page.waitForURL(base() + "/");
        page.locator("nav.sidebar a", new Page.LocatorOptions().setHasText("总结解析"))
                .click();
        page.locator("#summary-file")
                .setInputFiles(new com.microsoft.playwright.options.FilePayload(
                        "科技局总结.txt", "text/plain", summary.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        page.locator("#summary-parse").click();
        assertThat(page.locator("#summary-count")).containsText("找到 1 篇");
        assertThat(page.locator(".summary-doc")).containsText("三、下半年工作安排");
        assertThat(page.locator(".summary-doc")).containsText("遮盖的数字 1 处");
        shot("60-summary-outline");
        page.locator("#pick-0").check();
        page.locator("#pick-1").check();
        // no unit chosen: refused, the ticks and the plans stay
        page.locator("#summary-register").click();
        assertThat(page.locator("#summary-failure")).containsText("请选择");
        assertThat(page.locator("#pick-1")).isChecked();
        shot("60b-summary-plans-refused");
        page.locator("#unitId").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("临江区"));
        page.locator("#summary-register").click();
        assertThat(page.locator(".alert.notice")).containsText("已把 2 项");
        assertThat(page.locator("#ledger")).containsText("培育高新技术企业, 年内新增20家");
        assertThat(page.locator("#ledger")).containsText("建设科技企业孵化器");
    }

    @Test
    void aSupervisorReadsTheHalfYearSummaryEditsItAndDownloadsIt() {
        signIn("supervisor");
        page.waitForURL(base() + "/");
        page.locator("nav.sidebar a", new Page.LocatorOptions().setHasText("半年工作总结"))
                .click();
        page.locator("#unit").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("临江区"));
        page.locator("#draft-show").click();
        assertThat(page.locator("#summary-draft h2")).containsText("临江区");
        assertThat(page.locator("#summary-draft")).containsText("一、");
        assertThat(page.locator("#summary-draft")).containsText("三、");
        // each figure is a link to where it came from
        com.microsoft.playwright.Locator figure =
                page.locator("#view-summary-totals a.figure").first();
        assertThat(figure).hasAttribute("href", java.util.regex.Pattern.compile("/items\\?unit="));
        shot("61-summary-draft");
        page.locator("#summary-draft details summary").first().click();
        com.microsoft.playwright.Locator box = page.locator("#edit-summary-totals");
        String before = box.inputValue();
        box.fill(before + "全区上下真抓实干。");
        page.locator("#draft-save").click();
        assertThat(page.locator(".alert.notice")).containsText("修改已保存");
        assertThat(page.locator("#view-summary-totals")).containsText("全区上下真抓实干。");
        assertThat(page.locator("#summary-draft")).containsText("已有人工修改");
        com.microsoft.playwright.Download download =
                page.waitForDownload(() -> page.locator("#draft-docx").click());
        assertThat(download.suggestedFilename()).endsWith(".docx");
        shot("62-summary-edited");
    }

    @Test
    void aLargeExportRunsInTheBackgroundAndIsFoundAgain() {
        signIn("supervisor");
        page.waitForURL(base() + "/");
        page.navigate(base() + "/items?kind=PROJECT");
        // the button shows for views over 5,000 rows; the form behind it is the same for any view
        page.evaluate("document.getElementById('export-form').submit()");
        page.waitForURL(java.util.regex.Pattern.compile(".*/items/exports\\?run=\\d+"));
        assertThat(page.locator("#export-download"))
                .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                        .setTimeout(60_000));
        com.microsoft.playwright.Download download =
                page.waitForDownload(() -> page.locator("#export-download").click());
        org.assertj.core.api.Assertions.assertThat(download.failure()).isNull();
        org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).endsWith(".xlsx");
        shot("63-export-done");
        page.navigate(base() + "/items/exports");
        assertThat(page.locator("#recent-exports")).containsText("完成");
    }

    @Test
    void theDashboardLeadsToTheLedgerAndTheWallShowsTheSame() {
        signIn("supervisor");
        page.waitForURL(base() + "/");
        page.locator("nav.sidebar a", new Page.LocatorOptions().setHasText("指挥调度"))
                .click();
        assertThat(page.locator("h1")).containsText("示范市");
        // the charts are drawn from the page's own copy of ECharts
        assertThat(page.locator("#chart-status canvas")).hasCount(1);
        assertThat(page.locator("#chart-months canvas")).hasCount(1);
        String total = page.locator("#dashboard-tiles .tile b").first().textContent();
        shot("70-dashboard");
        page.locator("#dashboard-tiles .tile").first().click();
        page.waitForURL(java.util.regex.Pattern.compile(".*/items\\?unit=\\d+"));
        assertThat(page.locator(".toolbar .hint")).containsText(total);
        page.goBack();
        page.locator("#unit-ranking a", new Page.LocatorOptions().setHasText("临江区"))
                .first()
                .click();
        assertThat(page.locator("h1")).containsText("临江区");
        page.locator("#big-screen").click();
        assertThat(page.locator("body.screen h1")).containsText("临江区");
        assertThat(page.locator("#chart-months canvas")).hasCount(1);
        page.setViewportSize(1920, 1080);
        shot("71-big-screen");
    }

    @Test
    void aTownLiaisonSearchesHisOwnWork() {
        signIn("townliaison");
        page.waitForURL(base() + "/");
        page.locator("nav.sidebar a", new Page.LocatorOptions().setHasText("检索"))
                .click();
        page.locator("#search-q").fill("路灯");
        page.locator("#search-go").click();
        assertThat(page.locator("#search-count")).containsText("路灯");
        assertThat(page.locator("#search-hits")).containsText("路灯");
        shot("72-search");
        // every hit is one of his town's: the first leads to an item page he may open
        page.locator("#search-hits a").first().click();
        assertThat(page.locator("h1")).containsText("路灯");
    }

    @Test
    void theApiIsBrowsableOnceSignedIn() {
        page.navigate(base() + "/swagger-ui.html");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login.*"));
        signIn("supervisor");
        // the description is generated on first request, which on a busy machine takes seconds
        page.waitForResponse(
                r -> r.url().contains("/v3/api-docs") && r.status() == 200,
                new Page.WaitForResponseOptions().setTimeout(120_000),
                () -> page.navigate(base() + "/swagger-ui.html"));
        assertThat(page.locator(".opblock-summary-path").first())
                .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                        .setTimeout(30_000));
        assertThat(page.locator("body")).containsText("/api/v1/items/{id}/{action}");
        assertThat(page.locator("body")).containsText("落实 Luoshi API");
        assertThat(page.locator("body")).not().containsText("CurrentUser");
        shot("26-api-browsable");
    }

    @Test
    void englishIsAvailable() {
        page.navigate(base() + "/login?lang=en");
        assertThat(page.locator("button[type=submit]")).hasText("Sign in");
        signIn2("secadmin");
        page.navigate(base() + "/admin/security");
        assertThat(page.locator("h1")).hasText("Security policy");
        shot("09-policy-en");
    }

    private void signIn2(String username) {
        page.locator("#username").fill(username);
        page.locator("#password").fill(DEMO_PASSWORD);
        page.locator("button[type=submit]").click();
        page.waitForURL(base() + "/");
    }
}
