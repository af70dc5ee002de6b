package io.dockerdebug.server;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The Jetty server of {@code docker-debug serve}: one connector, the websocket upgrade, our handler. */
public final class WebServer implements AutoCloseable {
    private final Server server;
    private final Sessions sessions;
    private final Token token;
    private final Codes codes;
    private final String baseUrl;

    private WebServer(Server server, Sessions sessions, Token token, Codes codes, String baseUrl) {
        this.server = server;
        this.sessions = sessions;
        this.token = token;
        this.codes = codes;
        this.baseUrl = baseUrl;
    }

    /** Binds, starts and returns the server, whose sessions are the engines'. */
    public static WebServer start(ServeOptions options, Engines engines, String version) throws Exception {
        Token token = options.token() != null ? Token.of(options.token()) : Token.random();
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName("serve");
        pool.setDaemon(true);
        Server server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector;
        if (options.usesTls()) {
            http.addCustomizer(new SecureRequestCustomizer(false));
            connector = new ServerConnector(server, tls(options), new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(options.host());
        connector.setPort(options.port());
        server.addConnector(connector);
        connector.open();
        int port = connector.getLocalPort();
        Sessions sessions = new Sessions(engines, options.attachDeadline());
        Bodies bodies = new Bodies(sessions.timer(), pool);
        Codes codes = new Codes();
        Guard guard = new Guard(token, names(options.host()), port, options.usesTls(), options.allowOrigins());
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, c -> {
            // Longer than the ping interval: an idle terminal stays open.
            c.setIdleTimeout(Duration.ofSeconds(Terminal.PING_SECONDS * 3L));
            c.setMaxBinaryMessageSize(64 * 1024);
            c.setMaxTextMessageSize(4 * 1024);
            c.setMaxFrameSize(64 * 1024);
        });
        ws.setHandler(new WebHandler(guard, new ApiHandler(engines, sessions, version, bodies), sessions,
                ws.getServerWebSocketContainer(), codes, bodies));
        server.setHandler(ws);
        server.setErrorHandler(new ErrorAnswers());
        server.setStopTimeout(2000);
        server.start();
        String scheme = options.usesTls() ? "https" : "http";
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        if (host.equals("0.0.0.0") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        return new WebServer(server, sessions, token, codes, scheme + "://" + host + ":" + port + "/");
    }

    /**
     * The address to open: the page with a fresh one-time code in its fragment (never sent to a
     * server, so in no request line or log), which the page trades for the token and then takes
     * out of the address bar. The previous code is dead.
     */
    public String newCodeUrl() {
        return baseUrl + "#code=" + codes.next();
    }

    /** The token, for scripts' {@code Authorization: token TOKEN}: for the one line that tells the user. */
    public String token() {
        return token.reveal();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /** Ends every session (removing its sidecar), then stops listening. */
    @Override
    public void close() {
        sessions.close();
        try {
            server.stop();
        } catch (Exception e) {
            // stopping anyway
        }
    }

    /** The names the server may be reached by: what the Host header may say. */
    static List<String> names(String host) {
        List<String> names = new ArrayList<>();
        switch (host) {
            case "127.0.0.1", "localhost" -> names.addAll(List.of("127.0.0.1", "localhost"));
            case "::1", "[::1]" -> names.addAll(List.of("[::1]", "localhost"));
            case "0.0.0.0", "::", "[::]" -> {
                names.addAll(List.of("127.0.0.1", "localhost", "[::1]"));
                try {
                    names.add(InetAddress.getLocalHost().getHostName());
                    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                            String s = a.getHostAddress().replaceAll("%.*", "");
                            names.add(s.contains(":") ? "[" + s + "]" : s);
                        }
                    }
                } catch (java.io.IOException e) {
                    // the loopback names remain
                }
            }
            default -> names.add(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        }
        return names;
    }

    private static SslContextFactory.Server tls(ServeOptions options) {
        SslContextFactory.Server f = new SslContextFactory.Server();
        f.setKeyStore(options.tls());
        f.setKeyStorePassword(ServeOptions.KEY_PASSWORD);
        f.setKeyManagerPassword(ServeOptions.KEY_PASSWORD);
        return f;
    }
}
