// Measures `docker-debug serve` from outside, as a browser would use it (run by bench/run.sh with
// JDK 25: DOCKER_DEBUG_SERVE_TOKEN=TOKEN java bench/ServeBench.java URL TARGET TOOLBOX BYTES SERVE_PID). Prints markdown rows:
// TTY throughput through the websocket, the server's RSS with 10 sessions, 20 sessions at once.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ServeBench {
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static String base;
    static String token;
    static String target;
    static String toolbox;

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        base = url.getScheme() + "://" + url.getAuthority();
        token = System.getenv("DOCKER_DEBUG_SERVE_TOKEN");
        target = args[1];
        toolbox = args[2];
        long bytes = Long.parseLong(args[3]);
        long pid = Long.parseLong(args[4]);

        throughput(bytes); // warm-up
        List<Long> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(throughput(bytes));
        }
        runs.sort(null);
        long us = runs.get(1);
        System.out.printf("| serve: TTY %d MiB through the websocket, session set-up included (median of 3) | %.3f s | %.0f MiB/s |%n",
                bytes >> 20, us / 1e6, bytes / 1048576.0 / (us / 1e6));

        List<Term> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Term t = open();
            t.type("echo ready-" + i + "\r");
            t.await("ready-" + i + "\r\n");
            ten.add(t);
        }
        System.out.printf("| serve: RSS of the server with 10 open sessions | %d MiB | |%n", rssKib(pid) / 1024);
        for (Term t : ten) {
            t.ws.sendClose(1000, "").join();
        }

        long start = System.nanoTime();
        List<CompletableFuture<Boolean>> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            twenty.add(CompletableFuture.supplyAsync(() -> {
                try {
                    Term t = open();
                    t.type("echo $((" + n + "*1000+7))\rexit\r");
                    t.closed.get(120, TimeUnit.SECONDS);
                    return t.text().contains((n * 1000 + 7) + "\r\n");
                } catch (Exception e) {
                    return false;
                }
            }));
        }
        int ok = 0;
        for (var f : twenty) {
            ok += f.get(300, TimeUnit.SECONDS) ? 1 : 0;
        }
        System.out.printf("| serve: 20 sessions at once (create, attach, echo, exit), wall time | %.3f s | %d/20 correct |%n",
                (System.nanoTime() - start) / 1e9, ok);
    }

    static long rssKib(long pid) throws Exception {
        Matcher m = Pattern.compile("VmRSS:\\s+(\\d+)").matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Microseconds from the session's creation to the end of BYTES bytes of TTY output. */
    static long throughput(long bytes) throws Exception {
        long start = System.nanoTime();
        Term t = open("{\"target\":\"" + target + "\",\"image\":\"" + toolbox + "\",\"command\":[\"head\",\"-c\",\""
                + bytes + "\",\"/dev/zero\"]}");
        t.closed.get(600, TimeUnit.SECONDS);
        long us = (System.nanoTime() - start) / 1000;
        if (t.count.get() != bytes) {
            throw new IllegalStateException("moved " + t.count.get() + " bytes, not " + bytes);
        }
        return us;
    }

    static Term open() throws Exception {
        return open("{\"target\":\"" + target + "\",\"image\":\"" + toolbox + "\"}");
    }

    static Term open(String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/engines/default/sessions"))
                .header("Authorization", "token " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(r.body());
        }
        Matcher m = Pattern.compile("\"terminal\":\"([^\"]+)\"").matcher(r.body());
        m.find();
        Term t = new Term();
        t.ws = http.newWebSocketBuilder().header("Authorization", "token " + token)
                .buildAsync(URI.create(base.replace("http", "ws") + m.group(1) + "?cols=200&rows=50"), t)
                .get(60, TimeUnit.SECONDS);
        return t;
    }

    static final class Term implements WebSocket.Listener {
        WebSocket ws;
        final AtomicLong count = new AtomicLong();
        final StringBuilder text = new StringBuilder();
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        void type(String s) {
            ws.sendBinary(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)), true).join();
        }

        synchronized String text() {
            return text.toString();
        }

        synchronized void await(String s) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!text.toString().contains(s)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("never saw " + s);
                }
                wait(1000);
            }
        }

        public void onOpen(WebSocket w) {
            w.request(1);
        }

        public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
            count.addAndGet(data.remaining());
            if (text.length() < 65536) {
                synchronized (this) {
                    text.append(StandardCharsets.UTF_8.decode(data));
                    notifyAll();
                }
            }
            w.request(1);
            return null;
        }

        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            w.request(1);
            return null;
        }

        public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
            closed.complete(null);
            return null;
        }

        public void onError(WebSocket w, Throwable e) {
            closed.completeExceptionally(e);
        }
    }
}
