package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.redisjcache.database.Database;
import io.github.redisjcache.database.DatabaseException;
import io.github.redisjcache.testing.RedisServer;

/**
 * TLS to a real redis-server: a certificate made for the test, a trust store holding it, and hostname verification.
 * Skipped when the redis-server at hand was built without TLS.
 */
class TlsConnectionTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    @Test
    void aRedissUriWithTheServersCertificateTrustedConnects() throws Exception {
        Path keyStore = makeCertificate();
        Path trustStore = trustStoreOf(keyStore);
        try (RedisServer server = startTlsServer(keyStore)) {
            String uri = "rediss://127.0.0.1:" + tlsPort + "?tls.truststore=" + trustStore.toUri()
                    + "&tls.truststore-password=" + PASSWORD;
            try (Database database = Database.connect(ConnectionSettings.fromUri(uri))) {
                database.set("over-tls", "yes");
                assertThat(database.get("over-tls")).isEqualTo("yes");
            }
        }
    }

    @Test
    void anUntrustedServerIsRefused() throws Exception {
        Path keyStore = makeCertificate();
        try (RedisServer server = startTlsServer(keyStore)) {
            String uri = "rediss://127.0.0.1:" + tlsPort + "?connect-timeout=2s&timeout=2s&retry-attempts=0";
            assertThatThrownBy(() -> {
                try (Database database = Database.connect(ConnectionSettings.fromUri(uri))) {
                    database.get("k");
                }
            }).isInstanceOfAny(ConnectionFailedException.class, DatabaseException.class);
        }
    }

    private int tlsPort;

    private RedisServer startTlsServer(Path keyStore) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        writePem(keyStore, cert, key);
        try (ServerSocket probe = new ServerSocket(0)) {
            tlsPort = probe.getLocalPort();
        }
        RedisServer server;
        try {
            server = RedisServer.start("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", cert.toString(),
                    "--tls-key-file", key.toString(), "--tls-auth-clients", "no");
        } catch (RuntimeException e) {
            assumeTrue(false, "this redis-server has no TLS support: " + e.getMessage());
            throw e;
        }
        return server;
    }

    /** A key pair and self-signed certificate for 127.0.0.1, made with the JDK's keytool. */
    private Path makeCertificate() throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Files.deleteIfExists(keyStore);
        Path java = Paths.get(ProcessHandle.current().info().command().orElseThrow());
        Path keytool = java.resolveSibling("keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "redis", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext",
                "SAN=ip:127.0.0.1,dns:localhost", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return keyStore;
    }

    private Path trustStoreOf(Path keyStore) throws Exception {
        KeyStore source = load(keyStore);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("redis", source.getCertificate("redis"));
        Path trustStore = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        return trustStore;
    }

    /** Redis reads PEM: the certificate, and the private key as PKCS#8. */
    private static void writePem(Path keyStore, Path cert, Path key) throws Exception {
        KeyStore store = load(keyStore);
        Certificate certificate = store.getCertificate("redis");
        Key privateKey = store.getKey("redis", PASSWORD.toCharArray());
        Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
