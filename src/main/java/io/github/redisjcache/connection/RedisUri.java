package io.github.redisjcache.connection;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a connection URI into a settings builder.
 *
 * <p>Accepted forms ({@code rediss} variants use TLS):
 * <ul>
 *   <li>{@code redis://[user[:password]@]host[:port][/database][?setting=value&...]}</li>
 *   <li>{@code redis-sentinel://[user[:password]@]host:port[,host:port...][/database][?...]#masterName}</li>
 *   <li>{@code redis-cluster://[user[:password]@]host:port[,host:port...][?...]}</li>
 * </ul>
 * Query parameters are connection settings by name, e.g. {@code ?timeout=2s&pool-size=4}.
 */
final class RedisUri {

    private RedisUri() {
    }

    static boolean isRedisUri(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        return lower.startsWith("redis://") || lower.startsWith("rediss://")
                || lower.startsWith("redis-sentinel://") || lower.startsWith("rediss-sentinel://")
                || lower.startsWith("redis-cluster://") || lower.startsWith("rediss-cluster://");
    }

    static void apply(String setting, String uri, ConnectionSettings.Builder builder) {
        if (uri == null || uri.isBlank()) {
            throw new InvalidSettingException(setting, "a Redis URI is required");
        }
        String text = uri.trim();
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0 || !isRedisUri(text)) {
            throw new InvalidSettingException(setting, "expected a URI starting with redis://, rediss://, "
                    + "redis-sentinel://, rediss-sentinel://, redis-cluster:// or rediss-cluster://, was '"
                    + redact(text) + "'");
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        ConnectionMode mode = scheme.endsWith("-sentinel") ? ConnectionMode.SENTINEL
                : scheme.endsWith("-cluster") ? ConnectionMode.CLUSTER : ConnectionMode.STANDALONE;
        builder.mode(mode).tls(scheme.startsWith("rediss"));

        String rest = text.substring(schemeEnd + 3);
        int delimiter = firstOf(rest, '?', '#');
        if (delimiter >= 0 && rest.indexOf('@', delimiter) >= 0) {
            // Most likely a password with a raw '?' or '#': echoing any part of the URI could show it.
            throw new InvalidSettingException(setting, "'@' after '?' or '#' in the URI; percent-encode '?', '#' "
                    + "and '@' in user names, passwords and parameters (%3F, %23, %40)");
        }
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            if (mode != ConnectionMode.SENTINEL) {
                throw new InvalidSettingException(setting, "only redis-sentinel:// URIs take a #masterName");
            }
            builder.sentinelMaster(decode(setting, rest.substring(hash + 1)));
            rest = rest.substring(0, hash);
        }
        int query = rest.indexOf('?');
        if (query >= 0) {
            applyQuery(setting, rest.substring(query + 1), builder);
            rest = rest.substring(0, query);
        }
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            applyCredentials(setting, rest.substring(0, at), builder);
            rest = rest.substring(at + 1);
        }
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String database = rest.substring(slash + 1);
            if (!database.isEmpty()) {
                builder.database(SettingValues.integer(setting + " (database)", database, 0, Integer.MAX_VALUE));
            }
            rest = rest.substring(0, slash);
        }
        builder.addresses(addresses(setting, rest, mode));
    }

    private static int firstOf(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    private static void applyCredentials(String setting, String userInfo, ConnectionSettings.Builder builder) {
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            // Like redis-cli: a lone token is the password of the default user.
            builder.password(decode(setting, userInfo));
            return;
        }
        String user = decode(setting, userInfo.substring(0, colon));
        builder.username(user.isEmpty() ? null : user);
        builder.password(decode(setting, userInfo.substring(colon + 1)));
    }

    private static void applyQuery(String setting, String query, ConnectionSettings.Builder builder) {
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidSettingException(setting, "URI parameter '" + pair + "' needs a name and a value");
            }
            String name = decode(setting, pair.substring(0, eq));
            if (name.equals("password") || name.equals("username") || name.equals("uri")) {
                throw new InvalidSettingException(setting, "put credentials before the host (user:password@host), "
                        + "not in the URI parameter '" + name + "'");
            }
            builder.set(name, decode(setting, pair.substring(eq + 1)));
        }
    }

    private static List<String> addresses(String setting, String hosts, ConnectionMode mode) {
        if (hosts.isEmpty()) {
            throw new InvalidSettingException(setting, "the URI names no host");
        }
        String[] parts = hosts.split(",");
        if (mode == ConnectionMode.STANDALONE && parts.length > 1) {
            throw new InvalidSettingException(setting, "redis:// takes one host; use redis-cluster:// or "
                    + "redis-sentinel:// for several");
        }
        int defaultPort = mode == ConnectionMode.SENTINEL ? ConnectionSettings.DEFAULT_SENTINEL_PORT
                : ConnectionSettings.DEFAULT_PORT;
        List<String> addresses = new ArrayList<>(parts.length);
        for (String part : parts) {
            addresses.add(hostAndPort(setting, part.trim(), defaultPort));
        }
        return addresses;
    }

    private static String hostAndPort(String setting, String part, int defaultPort) {
        if (part.isEmpty()) {
            throw new InvalidSettingException(setting, "empty host in the URI");
        }
        String host;
        String port;
        if (part.startsWith("[")) {
            int close = part.indexOf(']');
            if (close < 0) {
                throw new InvalidSettingException(setting, "unclosed IPv6 address '" + part + "'");
            }
            host = part.substring(0, close + 1);
            String after = part.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new InvalidSettingException(setting, "expected :port after the IPv6 address " + host);
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = part.indexOf(':');
            if (colon >= 0 && part.indexOf(':', colon + 1) >= 0) {
                // Without brackets, "::1:6379" cannot say where the address ends and the port begins.
                throw new InvalidSettingException(setting, "an IPv6 address needs brackets, e.g. [::1]:"
                        + ConnectionSettings.DEFAULT_PORT);
            }
            host = colon >= 0 ? part.substring(0, colon) : part;
            port = colon >= 0 ? part.substring(colon + 1) : null;
        }
        if (host.isEmpty()) {
            throw new InvalidSettingException(setting, "empty host in '" + part + "'");
        }
        int portNumber = port == null ? defaultPort : SettingValues.integer(setting + " (port)", port, 1, 65535);
        return host + ":" + portNumber;
    }

    private static String decode(String setting, String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(setting, "bad percent-encoding in the URI", e);
        }
    }

    /** Hides the password of a URI so it can be shown in messages and logs. */
    static String redact(String uri) {
        int schemeEnd = uri.indexOf("://");
        int at = uri.lastIndexOf('@');
        if (schemeEnd < 0 || at < schemeEnd) {
            return uri;
        }
        String userInfo = uri.substring(schemeEnd + 3, at);
        int colon = userInfo.indexOf(':');
        String shown = colon >= 0 ? userInfo.substring(0, colon) + ":***" : "***";
        return uri.substring(0, schemeEnd + 3) + shown + uri.substring(at);
    }
}
