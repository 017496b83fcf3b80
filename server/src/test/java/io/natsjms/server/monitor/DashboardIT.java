package io.natsjms.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real headless browser (Debian's {@code chromium} and {@code chromium-driver}):
 * clients publish and subscribe, and the numbers the page shows follow by themselves: published
 * count, a channel's messages, a stalled durable's pending messages and lag, clients, a live rate.
 * A screenshot of the page is written to {@code target/dashboard.png} (and to the file named by
 * {@code -Dnatsjms.dashboard.screenshot}).
 *
 * <p>Without the browser this test fails, so that CI cannot pass without running it; locally,
 * {@code -Dnatsjms.skipBrowserTests=true} skips it instead.
 */
class DashboardIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SKIP = "natsjms.skipBrowserTests";
    private static final File CHROMIUM = new File(System.getProperty("natsjms.chromium", "/usr/bin/chromium"));
    private static final File DRIVER = new File(System.getProperty("natsjms.chromedriver", "/usr/bin/chromedriver"));

    private NatsjmsServer server;
    private WebDriver browser;
    private final List<StreamingConnection> connections = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        if (!CHROMIUM.canExecute() || !DRIVER.canExecute()) {
            String missing = "no browser: " + CHROMIUM + " and " + DRIVER + " must exist (apt-get install -y chromium"
                    + " chromium-driver, or name them with -Dnatsjms.chromium and -Dnatsjms.chromedriver)";
            if (Boolean.getBoolean(SKIP)) {
                Assumptions.abort(missing + "; skipped because -D" + SKIP + "=true");
            }
            fail(missing + "; to skip this test locally, run with -D" + SKIP + "=true");
        }
        server = NatsjmsServer.start(ServerConfig.builder().clusterId("dashboard").host("127.0.0.1").port(0)
                .monitorPort(0).build());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws Exception {
        for (StreamingConnection connection : connections) {
            connection.close();
        }
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private StreamingConnection connect(String clientId) throws Exception {
        StreamingConnection connection = NatsStreaming.connect("dashboard", clientId,
                new Options.Builder().natsUrl("nats://127.0.0.1:" + server.natsPort()).build());
        connections.add(connection);
        return connection;
    }

    /** The text of the first element {@code css} selects, or empty; read in one go, as the page replaces rows. */
    private String text(String css) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : '';", css);
        return String.valueOf(text);
    }

    private void awaitText(String css, String expected) {
        await().atMost(WAIT).until(() -> text(css).equals(expected));
    }

    @Test
    void theNumbersShownFollowTheServerByThemselves() throws Exception {
        browser.get("http://127.0.0.1:" + server.monitorPort() + "/streaming/dashboard?refresh=0.5");
        awaitText("#health", "ready");
        awaitText("[data-field='clients']", "0");
        awaitText("[data-field='in_msgs']", "0");
        assertThat(text("#channels tbody")).isEqualTo("no channels");

        StreamingConnection publisher = connect("orders-api");
        for (int i = 0; i < 10; i++) {
            publisher.publish("orders", ("order " + i).getBytes(StandardCharsets.UTF_8));
        }
        awaitText("[data-field='in_msgs']", "10");
        awaitText("tr[data-channel='orders'] [data-field='msgs']", "10");
        awaitText("tr[data-channel='orders'] [data-field='last_seq']", "10");

        StreamingConnection billing = connect("billing");
        billing.subscribe("orders", msg -> { }, new SubscriptionOptions.Builder().durableName("billing")
                .deliverAllAvailable().manualAcks().maxInFlight(3).ackWait(Duration.ofSeconds(60)).build());
        String billingRow = "#subscriptions tr[data-channel='orders'][data-durable='billing'] ";
        awaitText(billingRow + "[data-field='pending']", "3");
        awaitText(billingRow + "[data-field='lag']", "7");
        awaitText(billingRow + "[data-field='state']", "stalled");
        awaitText("[data-field='clients']", "2");
        awaitText("#clients tr[data-client='billing'] [data-field='subs']", "1");

        StreamingConnection worker1 = connect("worker-1");
        StreamingConnection worker2 = connect("worker-2");
        for (StreamingConnection worker : List.of(worker1, worker2)) {
            worker.subscribe("payments", "workers", msg -> { }, new SubscriptionOptions.Builder()
                    .durableName("payments").build());
        }
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            for (int i = 0; publishing.get(); i++) {
                try {
                    publisher.publish("payments", ("payment " + i).getBytes(StandardCharsets.UTF_8));
                    publisher.publish("audit.events", ("event " + i).getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    return;
                }
            }
        }, "dashboard-load");
        load.start();
        try {
            await().atMost(WAIT).until(() -> rate(text("[data-field='in_rate']")) > 0);
            await().atMost(WAIT).until(() -> rate(text("tr[data-channel='payments'] [data-field='rate']")) > 0);
            await().atMost(WAIT).until(() -> count(text("[data-field='in_msgs']")) > 100);
            awaitText("[data-field='clients']", "4");
            saveScreenshot();
        } finally {
            publishing.set(false);
            load.join(WAIT.toMillis());
        }
        publisher.publish("payments", "one more".getBytes(StandardCharsets.UTF_8));
        long stored = server.snapshot().channels().stream().filter(c -> c.name().equals("payments")).findFirst()
                .orElseThrow().msgs();
        await().atMost(WAIT).until(() -> count(text("tr[data-channel='payments'] [data-field='msgs']")) == stored);
    }

    private static double rate(String shown) {
        return shown.isEmpty() || shown.equals("–") ? 0 : Double.parseDouble(shown.replace(",", ""));
    }

    private static long count(String shown) {
        return shown.isEmpty() ? -1 : Long.parseLong(shown.replace(",", ""));
    }

    private void saveScreenshot() throws Exception {
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(Path.of("target", "dashboard.png"), png);
        String copy = System.getProperty("natsjms.dashboard.screenshot", "");
        if (!copy.isEmpty()) {
            Files.write(Path.of(copy), png);
        }
    }
}
