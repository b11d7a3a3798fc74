package io.github.redisjcache.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import io.github.redisjcache.connection.ConnectionSettings;

/**
 * A parsed {@code redis://[[user]:password@]host[:port][/db]} address, as given in {@code REDIS_URL}.
 *
 * <p>User and password are URL-decoded; {@code redis://:pw@host} and {@code redis://pw@host} both mean a password
 * for the default user. The port defaults to Redis's default port and the database to 0. TLS ({@code rediss://}) is
 * not supported.
 */
public final class RedisUrl {

    /** Name of the system property, then environment variable, that points the tests at an external server. */
    public static final String REDIS_URL = "REDIS_URL";

    private final String host;
    private final int port;
    private final int database;
    private final String user;
    private final String password;

    /** @param user may be null; @param password may be null */
    public RedisUrl(String host, int port, int database, String user, String password) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    /** The {@code REDIS_URL} system property if set, else the {@code REDIS_URL} environment variable, if set. */
    public static Optional<RedisUrl> fromEnvironment() {
        String value = System.getProperty(REDIS_URL);
        if (value == null || value.isBlank()) {
            value = System.getenv(REDIS_URL);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(parse(value.trim()));
    }

    /**
     * Parses {@code redis://[[user]:password@]host[:port][/db]}; throws {@link IllegalArgumentException} if
     * malformed.
     */
    public static RedisUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        String prefix = "redis://";
        if (!url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new IllegalArgumentException("Expected redis://[[user]:password@]host[:port][/db] but got '"
                    + redact(url) + "'" + (url.toLowerCase(java.util.Locale.ROOT).startsWith("rediss://")
                    ? " (TLS is not supported)" : ""));
        }
        String rest = url.substring(prefix.length());
        int query = indexOfAny(rest, "?#");
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                user = decode(userInfo.substring(0, colon));
                password = decode(userInfo.substring(colon + 1));
            } else {
                password = decode(userInfo);
            }
            if (user != null && user.isEmpty()) {
                user = null;
            }
        }
        int database = 0;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String db = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
            if (!db.isEmpty()) {
                try {
                    database = Integer.parseInt(db);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Bad database number '" + db + "' in " + redact(url), e);
                }
                if (database < 0) {
                    throw new IllegalArgumentException("Bad database number '" + db + "' in " + redact(url));
                }
            }
        }
        String host;
        int port = ConnectionSettings.DEFAULT_PORT;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Unclosed IPv6 address in " + redact(url));
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (after.startsWith(":")) {
                portText = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("Unexpected '" + after + "' in " + redact(url));
            }
        } else {
            int colon = rest.lastIndexOf(':');
            host = colon >= 0 ? rest.substring(0, colon) : rest;
            portText = colon >= 0 ? rest.substring(colon + 1) : null;
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("No host in " + redact(url));
        }
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad port '" + portText + "' in " + redact(url), e);
            }
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("Bad port " + port + " in " + redact(url));
            }
        }
        return new RedisUrl(host, port, database, user, password);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String redact(String url) {
        int at = url.lastIndexOf('@');
        int scheme = url.indexOf("://");
        return at > 0 && scheme >= 0 && scheme < at
                ? url.substring(0, scheme + 3) + "***@" + url.substring(at + 1) : url;
    }

    /** Host name or address. */
    public String host() {
        return host;
    }

    /** Port (Redis's default port if the URL has none). */
    public int port() {
        return port;
    }

    /** Database number (0 if the URL has none). */
    public int database() {
        return database;
    }

    /** User name (ACL), or null for the default user. */
    public String user() {
        return user;
    }

    /** Password, or null. */
    public String password() {
        return password;
    }

    /** {@code redis://host:port/db}, with {@code user:password@} when present (the password included). */
    public String toUri() {
        StringBuilder sb = new StringBuilder("redis://");
        if (password != null) {
            if (user != null) {
                sb.append(encode(user));
            }
            sb.append(':').append(encode(password)).append('@');
        }
        sb.append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port);
        return sb.append('/').append(database).toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedisUrl other && host.equals(other.host) && port == other.port
                && database == other.database && Objects.equals(user, other.user)
                && Objects.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, database, user, password);
    }

    /** The URL with the password masked. */
    @Override
    public String toString() {
        return "redis://" + (password != null ? (user != null ? user : "") + ":***@" : "")
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }
}
