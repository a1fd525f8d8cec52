package org.luoshi.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Debian's Chromium, headless, as every browser test drives it ({@code CHROMIUM} names another). */
public final class Chromium {

    private Chromium() {}

    /** A new page of a new browser, signed in through the login form and past it. */
    public static Page signedIn(Playwright playwright, String base, String username, String password) {
        Page page = launch(playwright).newPage();
        page.navigate(base + "/login");
        page.getByLabel("用户名").fill(username);
        page.getByLabel("密码").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登 录"))
                .click();
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }

    public static Browser launch(Playwright playwright) {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            throw new AssertionError("Chromium not found at " + chromium
                    + ": install it with apt-get install chromium fonts-noto-cjk (see README)");
        }
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run")));
    }
}
