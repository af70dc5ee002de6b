package io.dockerdebug.debug;

import io.dockerdebug.InvalidOptionsException;

/**
 * One {@code [[LOCAL_ADDR:]LOCAL_PORT:]REMOTE_PORT} of {@code port-forward}: where to listen
 * here, and the port inside the target's network namespace (reached on its 127.0.0.1).
 * Without LOCAL_PORT the local port is the remote one; LOCAL_PORT 0 picks a free one.
 */
public record PortMapping(String localAddress, int localPort, int remotePort) {
    public static final String DEFAULT_ADDRESS = "127.0.0.1";

    public static PortMapping parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        String addr = DEFAULT_ADDRESS;
        String local;
        String remote;
        int last = s.lastIndexOf(':');
        if (last < 0) {
            local = s;
            remote = s;
        } else {
            remote = s.substring(last + 1);
            String rest = s.substring(0, last);
            int sep = rest.lastIndexOf(':');
            if (rest.startsWith("[") && rest.contains("]:")) {
                sep = rest.indexOf("]:") + 1;
            }
            if (sep < 0) {
                local = rest;
            } else {
                addr = rest.substring(0, sep);
                local = rest.substring(sep + 1);
                if (addr.startsWith("[") && addr.endsWith("]")) {
                    addr = addr.substring(1, addr.length() - 1);
                }
                if (addr.isEmpty()) {
                    throw bad(spec, "empty LOCAL_ADDR");
                }
            }
        }
        int r = port(spec, remote, false);
        int l = port(spec, local, true);
        return new PortMapping(addr, l, r);
    }

    private static int port(String spec, String text, boolean zeroAllowed) {
        try {
            int p = Integer.parseInt(text);
            if (p >= (zeroAllowed ? 0 : 1) && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw bad(spec, "\"" + text + "\" is not a port");
    }

    private static RuntimeException bad(String spec, String why) {
        return new InvalidOptionsException("invalid port mapping \"" + spec + "\" (" + why
                + "): expected [[LOCAL_ADDR:]LOCAL_PORT:]REMOTE_PORT");
    }
}
