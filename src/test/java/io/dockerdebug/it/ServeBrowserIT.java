package io.dockerdebug.it;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web page in a real browser (Debian's chromium through Selenium) against a real serve and
 * the real engine: the user's path from the URL to a terminal, resize, vi, closing the tab,
 * the static bundle from another origin, and an attacker's page on another port.
 */
class ServeBrowserIT {
    static final Path SHOTS = Path.of("target", "failsafe-reports", "screenshots");
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET)
            .afterStop(t -> Engine.awaitNoSidecarOf(t.id(), Duration.ofSeconds(30)));
    static Path webFolder;
    static HttpServer staticHost;
    static HttpServer attacker;
    static ServeFixture serve;
    /** What the attacker's server (another local server) received: each request's line and Cookie header. */
    static final List<String> attackerSaw = Collections.synchronizedList(new ArrayList<>());
    WebDriver driver;
    Path profile;
    String testName;

    @BeforeAll
    static void start() throws IOException {
        // The static bundle as the release archive ships it (its web/ folder), on a plain file server.
        webFolder = ReleaseArchive.unpack(Files.createTempDirectory("release-")).resolve("web");
        staticHost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        staticHost.createContext("/", ex -> {
            String file = ex.getRequestURI().getPath().equals("/") ? "index.html" : ex.getRequestURI().getPath().substring(1);
            Path f = webFolder.resolve(file).normalize();
            boolean found = f.startsWith(webFolder) && Files.isRegularFile(f);
            byte[] b = found ? Files.readAllBytes(f) : new byte[0];
            ex.getResponseHeaders().add("Content-Type", file.endsWith(".js") ? "text/javascript"
                    : file.endsWith(".css") ? "text/css" : "text/html");
            ex.sendResponseHeaders(found ? 200 : 404, b.length == 0 ? -1 : b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        staticHost.start();
        attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", ex -> {
            attackerSaw.add(ex.getRequestURI() + " Cookie: " + ex.getRequestHeaders().getOrDefault("Cookie", List.of()));
            byte[] b = ("<!doctype html><title>waiting</title><script>"
                    + "const q = new URLSearchParams(location.search); const results = [];"
                    + "const done = () => { if (results.length === 2) document.title = results.sort().join(' '); };"
                    + "const ws = new WebSocket(q.get('ws'), ['docker-debug.v1']);"
                    + "ws.onopen = () => { results.push('ws:open'); ws.close(); done(); };"
                    + "ws.onerror = () => { results.push('ws:refused'); done(); };"
                    + "fetch(q.get('api'), {method: 'POST', credentials: 'include', mode: 'no-cors',"
                    + " headers: {'Content-Type': 'text/plain'}, body: '{}'})"
                    + ".then(() => { results.push('post:sent'); done(); }, () => { results.push('post:failed'); done(); });"
                    + "</script>").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        attacker.start();
        serve = new ServeFixture(List.of(staticOrigin()));
    }

    static String staticOrigin() {
        return "http://127.0.0.1:" + staticHost.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.close();
        }
        if (staticHost != null) {
            staticHost.stop(0);
        }
        if (attacker != null) {
            attacker.stop(0);
        }
    }

    @BeforeEach
    void browser(TestInfo info) throws IOException {
        testName = info.getTestMethod().orElseThrow().getName();
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,860", "--user-data-dir=" + (profile = Files.createTempDirectory("serve-browser-")));
        driver = new ChromeDriver(o);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(90)).until(condition);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void screenshot(String what) throws IOException {
        Files.createDirectories(SHOTS);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve("ServeBrowserIT-" + testName + "-" + what + ".png"), png);
    }

    /** The cursor's column in the newest terminal. */
    static final String CURSOR_X = "const ts = [...window.dockerDebug.terminals.values()];"
            + "return ts[ts.length - 1].term.buffer.active.cursorX;";

    /** The text of the newest terminal's buffer, one line per row. */
    String screen() {
        return (String) js("const ts = [...window.dockerDebug.terminals.values()];"
                + "const b = ts[ts.length - 1].term.buffer.active; const out = [];"
                + "for (let i = 0; i < b.length; i++) out.push(b.getLine(i).translateToString(true));"
                + "return out.join('\\n');");
    }

    String awaitScreen(String what, java.util.function.Predicate<String> p) {
        try {
            return await(d -> p.test(screen()) ? screen() : null);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the terminal never showed " + what + "; it shows:\n" + screen(), e);
        }
    }

    void type(CharSequence... keys) {
        driver.findElement(By.cssSelector(".term-panel:not([hidden]) .xterm-helper-textarea")).sendKeys(keys);
    }

    /** From the container list: filter, Debug, the toolbox image, open; waits until attached. */
    void debugTarget() {
        WebElement filter = await(d -> d.findElement(By.id("filter")));
        await(d -> !d.findElements(By.cssSelector("#containers tr[data-name='" + target.name() + "']")).isEmpty());
        filter.sendKeys(target.name());
        await(d -> d.findElements(By.cssSelector("#containers tbody tr")).size() == 1);
        // By keyboard: Tab from the filter to the row's Debug button, Enter; the list refreshes
        // itself when containers change, so find the button afresh until the dialog opens.
        await(d -> {
            try {
                d.findElement(By.cssSelector("button[aria-label='Debug " + target.name() + "']")).sendKeys(Keys.ENTER);
                return d.findElement(By.id("debug-dialog")).isDisplayed() ? true : null;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return null;
            }
        });
        WebElement image = await(d -> d.findElement(By.id("opt-image")));
        assertEquals("opt-image", driver.switchTo().activeElement().getAttribute("id"), "the dialog's first field has the focus");
        image.clear();
        image.sendKeys(TOOLBOX, Keys.ENTER);
        await(d -> !d.findElements(By.cssSelector(".term-panel[data-state=open]:not([hidden])")).isEmpty());
    }

    // ---- the tests ----------------------------------------------------------------------------

    /** The page as serve prints or opens it: with a fresh one-time code. */
    void openWithACode() {
        driver.get(serve.server.newCodeUrl());
    }

    @Test
    void fromTheUrlToATerminalAndBack() throws Exception {
        openWithACode();
        assertFalse(driver.getCurrentUrl().contains("code"), "the code stayed in the address bar: " + driver.getCurrentUrl());
        await(d -> !d.findElements(By.cssSelector("#containers tr[data-name='" + target.name() + "']")).isEmpty());
        screenshot("containers");
        debugTarget();
        type("ps", Keys.ENTER);
        awaitScreen("ps's header", s -> s.contains("PID") && s.contains("COMMAND"));
        type("echo $((6*7))", Keys.ENTER);
        awaitScreen("42", s -> s.lines().anyMatch(l -> l.strip().equals("42")));
        screenshot("terminal");

        // Light or dark follows the system.
        String light = (String) js("return getComputedStyle(document.body).backgroundColor;");
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
        String dark = (String) await(d -> {
            String now = (String) js("return getComputedStyle(document.body).backgroundColor;");
            return now.equals(light) ? null : now;
        });
        assertFalse(dark.equals(light));
        screenshot("terminal-dark");
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "light"))));

        // The page follows the window; the shell sees the new size.
        long cols = (Long) js("return [...window.dockerDebug.terminals.values()][0].term.cols;");
        driver.manage().window().setSize(new Dimension(900, 640));
        await(d -> (Long) js("return [...window.dockerDebug.terminals.values()][0].term.cols;") < cols ? true : null);
        long newCols = (Long) js("return [...window.dockerDebug.terminals.values()][0].term.cols;");
        long newRows = (Long) js("return [...window.dockerDebug.terminals.values()][0].term.rows;");
        type("clear; stty size", Keys.ENTER);
        awaitScreen("stty size " + newRows + " " + newCols, s -> s.contains(newRows + " " + newCols));

        // A full-screen program: vi writes a file, Escape and all.
        type("vi /tmp/from-the-browser", Keys.ENTER);
        awaitScreen("vi's empty-line tildes", s -> s.lines().filter(l -> l.equals("~")).count() > 3);
        screenshot("vi");
        type("ihello from vi");
        awaitScreen("the text typed in vi", s -> s.lines().anyMatch(l -> l.equals("hello from vi")));
        // Each key only once vi took the one before: an Escape that arrives with the next keys is
        // read as the start of an escape sequence. vi steps the cursor back when it leaves insert mode.
        long column = (Long) js(CURSOR_X);
        type(Keys.ESCAPE);
        await(d -> (Long) js(CURSOR_X) < column ? true : null);
        type(":wq", Keys.ENTER);
        awaitScreen("the shell's prompt after vi", s -> {
            List<String> lines = s.lines().toList();
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).strip().endsWith("vi /tmp/from-the-browser") && lines.get(i + 1).strip().endsWith("#")) {
                    return true;
                }
            }
            return false;
        });
        type("clear; cat /tmp/from-the-browser", Keys.ENTER);
        awaitScreen("the file vi wrote", s -> s.lines().anyMatch(l -> l.equals("hello from vi")));

        measureKeystrokeToEcho();

        // Closing the tab ends the session and removes the sidecar.
        assertEquals(1, Engine.sidecarsOf(target.id()).size());
        long start = System.nanoTime();
        driver.findElement(By.cssSelector("[aria-label='Close terminal " + target.name() + "']")).click();
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(30));
        System.out.printf("serve (browser): sidecar removed %d ms after the tab was closed%n",
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Keystroke (keydown in the page) to its echo (the next output frame): printed, not asserted. */
    void measureKeystrokeToEcho() {
        js("const t = [...window.dockerDebug.terminals.values()][0]; window.ddLatency = []; let pending = null;"
                + "t.term.textarea.addEventListener('keydown', () => { pending = performance.now(); }, true);"
                + "t.ws.addEventListener('message', () => { if (pending !== null) {"
                + " window.ddLatency.push(performance.now() - pending); pending = null; } });");
        type("#");
        await(d -> ((Number) js("return window.ddLatency.length;")).intValue() >= 1 ? true : null);
        int n = 30;
        for (int i = 0; i < n; i++) {
            int before = ((Number) js("return window.ddLatency.length;")).intValue();
            type(String.valueOf((char) ('a' + i % 26)));
            await(d -> ((Number) js("return window.ddLatency.length;")).intValue() > before ? true : null);
        }
        type(Keys.ENTER);
        @SuppressWarnings("unchecked")
        List<Number> samples = (List<Number>) js("return window.ddLatency.slice(1);");
        List<Double> ms = new ArrayList<>(samples.stream().map(Number::doubleValue).toList());
        Collections.sort(ms);
        System.out.printf("serve (browser): keystroke to echo median %.1f ms, p90 %.1f ms over %d keys%n",
                ms.get(ms.size() / 2), ms.get(ms.size() * 9 / 10), ms.size());
    }

    @Test
    void theStaticBundleOnAnotherOriginAsksForTheAddressAndToken() throws Exception {
        driver.get(staticOrigin() + "/index.html");
        WebElement server = await(d -> d.findElement(By.id("server")).isDisplayed() ? d.findElement(By.id("server")) : null);
        server.clear();
        server.sendKeys(serve.base);
        driver.findElement(By.id("token")).sendKeys(serve.token);
        screenshot("connect");
        driver.findElement(By.cssSelector("#connect-form button[type=submit]")).click();
        debugTarget();
        type("echo $((6*7))", Keys.ENTER);
        awaitScreen("42", s -> s.lines().anyMatch(l -> l.strip().equals("42")));
        driver.findElement(By.cssSelector("[aria-label='Close terminal " + target.name() + "']")).click();
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(30));
    }

    @Test
    void anotherLocalServerReceivesNoCredentialAndItsPageCannotOpenATerminal() throws Exception {
        // The victim uses serve's page; then the same browser visits another server of 127.0.0.1.
        openWithACode();
        await(d -> !d.findElements(By.cssSelector("#containers tbody tr")).isEmpty());
        attackerSaw.clear();
        var created = ServeIT.json(serve.post("/api/v1/engines/default/sessions",
                "{\"target\":\"" + target.id() + "\",\"image\":\"" + TOOLBOX + "\"}"));
        String ws = serve.base.replace("http", "ws") + created.get("terminal").asText();
        String api = serve.base + "/api/v1/engines/default/sessions";
        driver.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/?ws="
                + java.net.URLEncoder.encode(ws, StandardCharsets.UTF_8) + "&api="
                + java.net.URLEncoder.encode(api, StandardCharsets.UTF_8));
        String title = await(d -> d.getTitle().equals("waiting") ? null : d.getTitle());
        assertTrue(title.contains("ws:refused"), "the attacker's page opened the terminal: " + title);
        // What the other server received holds no credential: not the token, and no cookie that serve takes.
        assertFalse(attackerSaw.isEmpty());
        for (String seen : attackerSaw) {
            assertFalse(seen.contains(serve.token), "the other server received the token: " + seen);
            String cookies = seen.substring(seen.indexOf(" Cookie: [") + 10, seen.length() - 1);
            if (!cookies.isEmpty()) {
                assertEquals(401, serve.send(serve.request("/api/v1/engines").header("Cookie", cookies)).statusCode(),
                        "a cookie the other server received authorizes: " + cookies);
            }
        }
        var sessions = ServeIT.json(serve.send(serve.authed("/api/v1/sessions"))).get("sessions");
        assertEquals(1, sessions.size(), "the attacker's POST created a session: " + sessions);
        assertFalse(sessions.get(0).get("attached").asBoolean(), "the session was attached");
        serve.send(serve.authed("/api/v1/sessions/" + created.get("id").asText()).DELETE());
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(30));
    }

    @Test
    void theHistoryHoldsNoUsableCredentialAndAReloadKeepsWorking() throws Exception {
        openWithACode();
        await(d -> !d.findElements(By.cssSelector("#containers tr[data-name='" + target.name() + "']")).isEmpty());
        // A reload: the tab's sessionStorage holds the token; the code, out of the URL, is not needed again.
        driver.navigate().refresh();
        await(d -> !d.findElements(By.cssSelector("#containers tr[data-name='" + target.name() + "']")).isEmpty());
        assertFalse(driver.getCurrentUrl().contains("code"), driver.getCurrentUrl());
        driver.quit();
        driver = null;
        StringBuilder history = new StringBuilder();
        try (var files = Files.list(profile.resolve("Default"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("History")).toList()) {
                history.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        assertTrue(history.toString().contains("127.0.0.1:" + serve.port()), "the page is not in the History database");
        assertFalse(history.toString().contains(serve.token), "the History database holds the token");
        var codes = java.util.regex.Pattern.compile("code=([0-9a-f]{32})").matcher(history);
        while (codes.find()) {
            assertEquals(401, serve.redeem(codes.group(1), null).statusCode(), "a code in the History database works");
        }
    }

    @Test
    void theContainerListFollowsTheEngineLive() throws Exception {
        openWithACode();
        await(d -> !d.findElements(By.cssSelector("#containers tr[data-name='" + target.name() + "']")).isEmpty());
        // Started after the page loaded: the page shows it without a reload, and drops it once removed.
        String late = "dd-serve-live-" + System.nanoTime();
        String lateId = Engine.docker("run", "-d", "--name", late, "--label", "io.docker-debug.it=serve-browser",
                Engine.TARGET);
        try {
            await(d -> !d.findElements(By.cssSelector("#containers tr[data-name='" + late + "']")).isEmpty());
            screenshot("live-added");
        } finally {
            Engine.docker("rm", "-f", lateId);
        }
        await(d -> d.findElements(By.cssSelector("#containers tr[data-name='" + late + "']")).isEmpty() ? true : null);
        assertFalse(driver.findElements(By.cssSelector("#containers tr[data-name='" + target.name() + "']")).isEmpty());
    }

    @Test
    void theReleaseArchivesWebFolderIsTheBundleServeServes() throws Exception {
        List<Path> files;
        try (var all = Files.walk(webFolder)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        List<String> names = files.stream().map(f -> webFolder.relativize(f).toString()).sorted().toList();
        assertTrue(names.containsAll(List.of("index.html", "app.js", "app.css", "vendor/xterm.js", "vendor/addon-fit.js",
                "vendor/xterm.css", "vendor/LICENSE.xterm", "vendor/SHA256SUMS")), names.toString());
        int compared = 0;
        for (String n : names) {
            if (!n.matches(".*\\.(html|js|css)")) {
                continue; // licences and checksums ship in the archive only
            }
            var r = serve.http.send(serve.request("/" + n).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), n);
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(webFolder.resolve(n)), r.body()),
                    n + " differs between the archive and what serve serves");
            compared++;
        }
        assertEquals(6, compared, names.toString());
    }
}
