package jp.madoguchi.hq.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Headquarters' configuration: a properties file, overridden by environment variables, overridden
 * by command-line options. Everything is validated when it is loaded, so a wrong value stops the
 * server at start with a message naming the key and where the value came from.
 *
 * <h2>Keys</h2>
 * Each key {@code a.b_c} may also be given as the environment variable {@code MADOGUCHI_HQ_A_B_C}.
 * <table>
 * <caption>configuration keys</caption>
 * <tr><th>key</th><th>environment</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code host}</td><td>{@code MADOGUCHI_HQ_HOST}</td><td>address the server binds</td><td>{@code 0.0.0.0}</td></tr>
 * <tr><td>{@code port}</td><td>{@code MADOGUCHI_HQ_PORT}</td><td>the one port: HTTPS, and plain HTTP for {@code GET /health} only</td><td>{@code 8443}</td></tr>
 * <tr><td>{@code data.dir}</td><td>{@code MADOGUCHI_HQ_DATA_DIR}</td><td>directory for the embedded database and demo material</td><td>{@code hq-data}</td></tr>
 * <tr><td>{@code db.url}</td><td>{@code MADOGUCHI_HQ_DB_URL}</td><td>JDBC URL ({@code jdbc:sqlite:} or {@code jdbc:postgresql:}); no password in it</td><td>{@code jdbc:sqlite:DATA_DIR/hq.db}</td></tr>
 * <tr><td>{@code db.user}</td><td>{@code MADOGUCHI_HQ_DB_USER}</td><td>database user</td><td>none</td></tr>
 * <tr><td>{@code db.password_file}</td><td>{@code MADOGUCHI_HQ_DB_PASSWORD_FILE}</td><td>file holding the database password</td><td>none</td></tr>
 * <tr><td>{@code jitsi.domain}</td><td>{@code MADOGUCHI_HQ_JITSI_DOMAIN}</td><td>the Jitsi Meet host name, optionally {@code :PORT}; sent to booths and clerks as is</td><td>required</td></tr>
 * <tr><td>{@code jitsi.app_id}</td><td>{@code MADOGUCHI_HQ_JITSI_APP_ID}</td><td>JWT {@code iss}/app id</td><td>required</td></tr>
 * <tr><td>{@code jitsi.secret_file}</td><td>{@code MADOGUCHI_HQ_JITSI_SECRET_FILE}</td><td>file holding the HS256 app secret (at least 32 bytes)</td><td>required</td></tr>
 * <tr><td>{@code tls.keystore}</td><td>{@code MADOGUCHI_HQ_TLS_KEYSTORE}</td><td>PKCS#12/JKS with the server key and certificate chain</td><td>required</td></tr>
 * <tr><td>{@code tls.keystore_password_file}</td><td>{@code MADOGUCHI_HQ_TLS_KEYSTORE_PASSWORD_FILE}</td><td>its password (also the key's)</td><td>required</td></tr>
 * <tr><td>{@code tls.truststore}</td><td>{@code MADOGUCHI_HQ_TLS_TRUSTSTORE}</td><td>the device CA certificate(s) booth certificates must chain to</td><td>required</td></tr>
 * <tr><td>{@code tls.truststore_password_file}</td><td>{@code MADOGUCHI_HQ_TLS_TRUSTSTORE_PASSWORD_FILE}</td><td>its password</td><td>none</td></tr>
 * <tr><td>{@code routing.DEPARTMENT}</td><td>{@code MADOGUCHI_HQ_ROUTING_DEPARTMENT}</td><td>comma-separated procedure ids whose calls go to that department's queue</td><td>none</td></tr>
 * </table>
 * Secrets are only ever given as files, so they appear neither in the environment listing nor in
 * a process listing. Relative paths in the file are resolved against the file's directory, others
 * against the working directory. Unknown keys and unknown {@code MADOGUCHI_HQ_*} variables are
 * errors (a typo must not silently fall back to a default).
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows no secret.
 */
public final class HqConfig {
    public static final String ENV_PREFIX = "MADOGUCHI_HQ_";

    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String DATA_DIR = "data.dir";
    public static final String DB_URL = "db.url";
    public static final String DB_USER = "db.user";
    public static final String DB_PASSWORD_FILE = "db.password_file";
    public static final String JITSI_DOMAIN = "jitsi.domain";
    public static final String JITSI_APP_ID = "jitsi.app_id";
    public static final String JITSI_SECRET_FILE = "jitsi.secret_file";
    public static final String TLS_KEYSTORE = "tls.keystore";
    public static final String TLS_KEYSTORE_PASSWORD_FILE = "tls.keystore_password_file";
    public static final String TLS_TRUSTSTORE = "tls.truststore";
    public static final String TLS_TRUSTSTORE_PASSWORD_FILE = "tls.truststore_password_file";
    public static final String TLS_SERVER_NAMES = "tls.server_names";
    public static final String JPKI_ROOTS_DIR = "jpki.roots_dir";
    public static final String ROUTING_PREFIX = "routing.";
    public static final String CLERK_VANISH_AFTER_SECONDS = "clerk.vanish_after_seconds";
    /** The default of {@link #CLERK_VANISH_AFTER_SECONDS}: consoles poll every 2 s, so 15 missed polls. */
    public static final int DEFAULT_CLERK_VANISH_AFTER_SECONDS = 30;

    /** Every fixed key, in the order of the documentation. */
    public static final List<String> KEYS = List.of(HOST, PORT, DATA_DIR, DB_URL, DB_USER, DB_PASSWORD_FILE,
            JITSI_DOMAIN, JITSI_APP_ID, JITSI_SECRET_FILE, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD_FILE,
            TLS_TRUSTSTORE, TLS_TRUSTSTORE_PASSWORD_FILE, TLS_SERVER_NAMES, JPKI_ROOTS_DIR, CLERK_VANISH_AFTER_SECONDS);

    private static final Map<String, String> HELP = helpTexts();

    private static final int MIN_JITSI_SECRET_BYTES = 32;
    private static final Pattern ROUTING_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** A host name or IPv4 address, or a bracketed IPv6 address; then optionally ":PORT". */
    private static final Pattern HOST_NAME = Pattern.compile(
            "([A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])(:([0-9]{1,5}))?");

    private final String host;
    private final int port;
    private final Path dataDir;
    private final String dbUrl;
    private final String dbUser;
    private final Secret dbPassword;
    private final String jitsiDomain;
    private final String jitsiHost;
    private final String jitsiAppId;
    private final Secret jitsiSecret;
    private final Path tlsKeystore;
    private final Secret tlsKeystorePassword;
    private final Path tlsTruststore;
    private final Secret tlsTruststorePassword;
    private final List<String> tlsServerNames;
    private final Path jpkiRootsDir;
    private final Map<String, List<String>> routing;
    private final Map<String, String> departmentByProcedure;
    private final java.time.Duration clerkVanishAfter;

    private HqConfig(Values values) {
        host = values.required(HOST);
        if (host.isBlank()) {
            throw values.error(HOST, "must not be empty");
        }
        port = values.port(PORT);
        dataDir = values.path(DATA_DIR);
        dbUrl = values.optional(DB_URL).orElseGet(() -> "jdbc:sqlite:" + dataDir.resolve("hq.db"));
        if (!dbUrl.startsWith("jdbc:sqlite:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw values.error(DB_URL, "must start with jdbc:sqlite: or jdbc:postgresql:");
        }
        if (Pattern.compile("(?i)password=").matcher(dbUrl).find()) {
            throw values.error(DB_URL, "must not contain a password; put it in a file named by " + DB_PASSWORD_FILE);
        }
        dbUser = values.optional(DB_USER).orElse(null);
        dbPassword = values.optional(DB_PASSWORD_FILE).map(v -> values.secretFile(DB_PASSWORD_FILE)).orElse(null);
        jitsiDomain = values.required(JITSI_DOMAIN);
        java.util.regex.Matcher domain = HOST_NAME.matcher(jitsiDomain);
        if (!domain.matches() || domain.group(4) != null
                && (domain.group(4).length() > 5 || Integer.parseInt(domain.group(4)) < 1
                    || Integer.parseInt(domain.group(4)) > 65535)) {
            throw values.error(JITSI_DOMAIN, "must be a host name such as meet.example.jp, optionally with a port"
                    + " from 1 to 65535 such as localhost:8080 (no scheme, no path)");
        }
        jitsiHost = domain.group(1);
        jitsiAppId = values.required(JITSI_APP_ID);
        if (jitsiAppId.isBlank()) {
            throw values.error(JITSI_APP_ID, "must not be empty");
        }
        jitsiSecret = values.secretFile(JITSI_SECRET_FILE);
        byte[] secretBytes = jitsiSecret.utf8();
        int secretLength = secretBytes.length;
        Arrays.fill(secretBytes, (byte) 0);
        if (secretLength < MIN_JITSI_SECRET_BYTES) {
            throw values.error(JITSI_SECRET_FILE, "the secret is " + secretLength + " bytes; HS256 needs at least "
                    + MIN_JITSI_SECRET_BYTES);
        }
        // without a keystore, headquarters serves a certificate its own device CA issues for the
        // configured names, and trusts that CA for booth certificates
        tlsKeystore = values.optional(TLS_KEYSTORE).map(v -> values.existingFile(TLS_KEYSTORE)).orElse(null);
        tlsKeystorePassword = tlsKeystore == null ? null : values.secretFile(TLS_KEYSTORE_PASSWORD_FILE);
        tlsTruststore = values.optional(TLS_TRUSTSTORE).map(v -> values.existingFile(TLS_TRUSTSTORE)).orElse(null);
        if (tlsKeystore != null && tlsTruststore == null) {
            throw values.error(TLS_TRUSTSTORE, "is required with " + TLS_KEYSTORE
                    + ": booths' certificates must chain to a CA it holds");
        }
        tlsTruststorePassword = values.optional(TLS_TRUSTSTORE_PASSWORD_FILE)
                .map(v -> values.secretFile(TLS_TRUSTSTORE_PASSWORD_FILE)).orElse(null);
        List<String> names = new ArrayList<>();
        for (String name : values.optional(TLS_SERVER_NAMES).orElse("localhost,127.0.0.1").split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        if (names.isEmpty()) {
            throw values.error(TLS_SERVER_NAMES, "lists no name");
        }
        tlsServerNames = List.copyOf(names);
        jpkiRootsDir = values.path(JPKI_ROOTS_DIR);
        if (!Files.isDirectory(jpkiRootsDir)) {
            throw values.error(JPKI_ROOTS_DIR, "is not a directory: " + jpkiRootsDir);
        }

        String vanish = values.optional(CLERK_VANISH_AFTER_SECONDS)
                .orElse(String.valueOf(DEFAULT_CLERK_VANISH_AFTER_SECONDS)).trim();
        if (!vanish.matches("[0-9]{1,5}") || Integer.parseInt(vanish) < 5 || Integer.parseInt(vanish) > 3600) {
            throw values.error(CLERK_VANISH_AFTER_SECONDS, "must be a whole number of seconds from 5 to 3600"
                    + " (consoles ask every 2 s; default " + DEFAULT_CLERK_VANISH_AFTER_SECONDS + ")");
        }
        clerkVanishAfter = java.time.Duration.ofSeconds(Integer.parseInt(vanish));

        Map<String, List<String>> departments = new TreeMap<>();
        Map<String, String> byProcedure = new TreeMap<>();
        for (String key : values.keysWithPrefix(ROUTING_PREFIX)) {
            String department = key.substring(ROUTING_PREFIX.length());
            if (!ROUTING_NAME.matcher(department).matches()) {
                throw values.error(key, "a department id is lower-case letters, digits, '_' or '-'");
            }
            List<String> procedures = new ArrayList<>();
            for (String raw : values.required(key).split(",")) {
                String procedure = raw.trim();
                if (procedure.isEmpty()) {
                    continue;
                }
                if (!ROUTING_NAME.matcher(procedure).matches()) {
                    throw values.error(key, "procedure id '" + procedure + "' is not lower-case letters, digits, '_' or '-'");
                }
                String earlier = byProcedure.putIfAbsent(procedure, department);
                if (earlier != null) {
                    throw values.error(key, "procedure '" + procedure + "' is already routed to department '" + earlier + "'");
                }
                procedures.add(procedure);
            }
            if (procedures.isEmpty()) {
                throw values.error(key, "lists no procedure");
            }
            departments.put(department, List.copyOf(procedures));
        }
        routing = Collections.unmodifiableMap(departments);
        departmentByProcedure = Collections.unmodifiableMap(byProcedure);
    }

    /** Two lines per key for {@code --help}: key and environment variable, then the meaning; under 80 columns. */
    public static List<String> keyHelp() {
        List<String> lines = new ArrayList<>();
        for (var entry : HELP.entrySet()) {
            String key = entry.getKey();
            String env = key.endsWith(".DEPARTMENT") ? ENV_PREFIX + "ROUTING_DEPARTMENT" : environmentName(key);
            lines.add(String.format(Locale.ROOT, "  %-29s %s", key, env));
            lines.add("      " + entry.getValue());
        }
        return lines;
    }

    private static Map<String, String> helpTexts() {
        Map<String, String> help = new LinkedHashMap<>();
        help.put(HOST, "address to bind");
        help.put(PORT, "the one port (HTTPS; plain HTTP for GET /health)");
        help.put(DATA_DIR, "database and demo material");
        help.put(DB_URL, "jdbc:sqlite:... (default DATA_DIR/hq.db) or jdbc:postgresql:...");
        help.put(DB_USER, "database user");
        help.put(DB_PASSWORD_FILE, "file holding the database password");
        help.put(JITSI_DOMAIN, "Jitsi Meet host name[:port]");
        help.put(JITSI_APP_ID, "Jitsi JWT app id");
        help.put(JITSI_SECRET_FILE, "file holding the Jitsi app secret (>= 32 bytes)");
        help.put(TLS_KEYSTORE, "PKCS#12/JKS: server key and chain (default: issued by the device CA)");
        help.put(TLS_KEYSTORE_PASSWORD_FILE, "file holding its password");
        help.put(TLS_TRUSTSTORE, "the device CA booths chain to (default: DATA_DIR/device-ca)");
        help.put(TLS_TRUSTSTORE_PASSWORD_FILE, "file holding its password (optional)");
        help.put(TLS_SERVER_NAMES, "names/IPs of the self-issued server cert (localhost,127.0.0.1)");
        help.put(JPKI_ROOTS_DIR, "JPKI root certificates and CRLs that signatures must chain to");
        help.put(CLERK_VANISH_AFTER_SECONDS, "a clerk silent this long loses a held call to the queue (30)");
        help.put(ROUTING_PREFIX + "DEPARTMENT", "procedure ids for that department's queue, comma-separated");
        return Collections.unmodifiableMap(help);
    }

    /** Starts a loader; add layers from lowest to highest precedence. */
    public static Loader loader() {
        return new Loader();
    }

    /** The environment variable that overrides {@code key}: {@code jitsi.app_id} → {@code MADOGUCHI_HQ_JITSI_APP_ID}. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String host() { return host; }
    public int port() { return port; }
    public Path dataDir() { return dataDir; }
    public String dbUrl() { return dbUrl; }
    public Optional<String> dbUser() { return Optional.ofNullable(dbUser); }
    public Optional<Secret> dbPassword() { return Optional.ofNullable(dbPassword); }
    /** As configured: {@code meet.example.jp}, or {@code host:port} (a loopback meeting server in the demo). */
    public String jitsiDomain() { return jitsiDomain; }
    /** {@link #jitsiDomain()} without its port: what Jitsi (Prosody) compares a token's {@code sub} with. */
    public String jitsiHost() { return jitsiHost; }
    public String jitsiAppId() { return jitsiAppId; }
    public Secret jitsiSecret() { return jitsiSecret; }
    /** The server keystore; empty when headquarters issues its own server certificate. */
    public Optional<Path> tlsKeystoreFile() { return Optional.ofNullable(tlsKeystore); }
    public Optional<Path> tlsTruststoreFile() { return Optional.ofNullable(tlsTruststore); }
    public List<String> tlsServerNames() { return tlsServerNames; }
    public Path jpkiRootsDir() { return jpkiRootsDir; }
    public Path tlsKeystore() { return tlsKeystore; }
    public Secret tlsKeystorePassword() { return tlsKeystorePassword; }
    public Path tlsTruststore() { return tlsTruststore; }
    public Optional<Secret> tlsTruststorePassword() { return Optional.ofNullable(tlsTruststorePassword); }

    /** Department id → the procedure ids routed to its queue, sorted by department. */
    public Map<String, List<String>> routing() { return routing; }
    /** How long a clerk holding a call may send no request before the call goes back to the queue (decision 0032). */
    public java.time.Duration clerkVanishAfter() { return clerkVanishAfter; }

    /** The department whose queue takes calls for {@code procedure}, if one is configured. */
    public Optional<String> departmentFor(String procedure) {
        return Optional.ofNullable(departmentByProcedure.get(procedure));
    }

    @Override
    public String toString() {
        return "HqConfig{host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", dbUrl=" + dbUrl
                + ", dbUser=" + dbUser + ", dbPassword=" + (dbPassword == null ? "none" : dbPassword)
                + ", jitsiDomain=" + jitsiDomain + ", jitsiAppId=" + jitsiAppId + ", jitsiSecret=" + jitsiSecret
                + ", tlsKeystore=" + tlsKeystore + ", tlsKeystorePassword=" + tlsKeystorePassword
                + ", tlsTruststore=" + tlsTruststore + ", tlsTruststorePassword="
                + (tlsTruststorePassword == null ? "none" : tlsTruststorePassword) + ", routing=" + routing + "}";
    }

    /** Where a value came from; relative paths resolve against {@code base}. */
    private record Origin(String description, Path base) {
    }

    private record Value(String text, Origin origin) {
    }

    /**
     * Collects layers (lowest precedence first) and validates the result. Not thread-safe; use once.
     */
    public static final class Loader {
        private final Map<String, Value> values = new LinkedHashMap<>();

        private Loader() {
        }

        /** Built-in or mode defaults (e.g. demo material); {@code origin} names them in errors. */
        public Loader defaults(Map<String, String> defaults, String origin) {
            Origin where = new Origin(origin, Path.of(""));
            defaults.forEach((key, text) -> put(checkKey(key, origin), text, where));
            return this;
        }

        /** A properties file (UTF-8). A missing or unreadable file is an error naming it. */
        public Loader file(Path file) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new HqConfigException(null, "cannot read configuration file " + file + ": " + e.getMessage());
            }
            Path base = file.toAbsolutePath().getParent();
            for (String key : new TreeMap<>(Map.copyOf(castToStrings(properties))).keySet()) {
                String where = "file " + file;
                put(checkKey(key, where), properties.getProperty(key), new Origin(where, base));
            }
            return this;
        }

        /** The process environment (or a map standing in for it in tests). */
        public Loader environment(Map<String, String> environment) {
            Map<String, String> known = new TreeMap<>();
            for (String key : KEYS) {
                known.put(environmentName(key), key);
            }
            for (var entry : new TreeMap<>(environment).entrySet()) {
                String name = entry.getKey();
                if (!name.startsWith(ENV_PREFIX) || entry.getValue() == null || entry.getValue().isBlank()) {
                    continue; // an empty variable counts as unset, as shells and container tools often leave them
                }
                String key = known.get(name);
                if (key == null && name.startsWith(ENV_PREFIX + "ROUTING_")) {
                    key = ROUTING_PREFIX + name.substring((ENV_PREFIX + "ROUTING_").length()).toLowerCase(Locale.ROOT);
                }
                if (key == null) {
                    throw new HqConfigException(null, "unknown environment variable " + name
                            + "; known: " + String.join(", ", known.keySet()) + ", " + ENV_PREFIX + "ROUTING_<DEPARTMENT>");
                }
                put(key, entry.getValue(), new Origin("environment variable " + name, Path.of("")));
            }
            return this;
        }

        /** Command-line options; these win over everything else. */
        public Loader overrides(Map<String, String> overrides) {
            overrides.forEach((key, text) -> put(checkKey(key, "command line"), text, new Origin("command line", Path.of(""))));
            return this;
        }

        /** The current value of {@code key} before validation (e.g. the data directory demo mode needs first). */
        public Optional<String> peek(String key) {
            Value value = values.get(key);
            return value == null ? Optional.empty() : Optional.of(value.text());
        }

        /** Same as {@link #peek} for a path, resolved the way {@link HqConfig} will resolve it. */
        public Optional<Path> peekPath(String key) {
            Value value = values.get(key);
            if (value == null) {
                return Optional.empty();
            }
            return Optional.of(new Values(values).path(key));
        }

        /** Validates everything; throws {@link HqConfigException} naming the first wrong key. */
        public HqConfig load() {
            return new HqConfig(new Values(values));
        }

        private void put(String key, String text, Origin origin) {
            values.put(key, new Value(text == null ? "" : text.strip(), origin));
        }

        private static String checkKey(String key, String origin) {
            if (KEYS.contains(key) || (key.startsWith(ROUTING_PREFIX) && key.length() > ROUTING_PREFIX.length())) {
                return key;
            }
            throw new HqConfigException(key, "unknown key (in " + origin + "); known keys: "
                    + String.join(", ", KEYS) + ", " + ROUTING_PREFIX + "<department>");
        }

        private static Map<String, String> castToStrings(Properties properties) {
            Map<String, String> map = new LinkedHashMap<>();
            for (String name : properties.stringPropertyNames()) {
                map.put(name, properties.getProperty(name));
            }
            return map;
        }
    }

    /** Typed access to the merged values, with errors that say where a value came from. */
    private static final class Values {
        private final Map<String, Value> values;

        Values(Map<String, Value> values) {
            this.values = values;
        }

        HqConfigException error(String key, String message) {
            Value value = values.get(key);
            String where = value == null ? "" : " (from " + value.origin().description() + ")";
            return new HqConfigException(key, message + where);
        }

        Optional<String> optional(String key) {
            Value value = values.get(key);
            return value == null || value.text().isEmpty() ? Optional.empty() : Optional.of(value.text());
        }

        String required(String key) {
            return optional(key).orElseThrow(() -> new HqConfigException(key,
                    "is required; set it in the configuration file or as " + environmentName(key)));
        }

        Set<String> keysWithPrefix(String prefix) {
            Set<String> keys = new java.util.TreeSet<>();
            for (String key : values.keySet()) {
                if (key.startsWith(prefix)) {
                    keys.add(key);
                }
            }
            return keys;
        }

        int port(String key) {
            String text = required(key);
            try {
                int port = Integer.parseInt(text);
                if (port < 0 || port > 65535) {
                    throw error(key, "must be between 0 and 65535, not " + port);
                }
                return port;
            } catch (NumberFormatException e) {
                throw error(key, "must be a port number, not '" + text + "'");
            }
        }

        Path path(String key) {
            String text = required(key);
            try {
                Path path = Path.of(text);
                return path.isAbsolute() ? path : values.get(key).origin().base().resolve(path).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw error(key, "is not a valid path: " + e.getMessage());
            }
        }

        Path existingFile(String key) {
            Path path = path(key);
            if (!Files.isRegularFile(path)) {
                throw error(key, "file not found: " + path);
            }
            if (!Files.isReadable(path)) {
                throw error(key, "file not readable: " + path);
            }
            return path;
        }

        /** Reads a secret file as UTF-8; a final line break is not part of the secret. */
        Secret secretFile(String key) {
            Path path = existingFile(key);
            byte[] bytes = null;
            CharBuffer chars = null;
            try {
                bytes = Files.readAllBytes(path);
                chars = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes));
                int end = chars.limit();
                if (end > 0 && chars.get(end - 1) == '\n') {
                    end--;
                }
                if (end > 0 && chars.get(end - 1) == '\r') {
                    end--;
                }
                if (end == 0) {
                    throw error(key, "secret file is empty: " + path);
                }
                char[] secret = new char[end];
                chars.get(0, secret, 0, end);
                try {
                    return Secret.of(secret);
                } finally {
                    Arrays.fill(secret, '\0');
                }
            } catch (CharacterCodingException e) {
                throw error(key, "secret file is not UTF-8 text: " + path);
            } catch (IOException e) {
                throw error(key, "cannot read secret file " + path + ": " + e.getClass().getSimpleName());
            } finally {
                if (bytes != null) {
                    Arrays.fill(bytes, (byte) 0);
                }
                if (chars != null && chars.hasArray()) {
                    Arrays.fill(chars.array(), '\0');
                }
            }
        }
    }
}
