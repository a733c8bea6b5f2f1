package jp.madoguchi.hq.server;

import java.io.Console;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import jp.madoguchi.hq.config.HqConfig;
import jp.madoguchi.hq.enrol.EnrolmentService;
import jp.madoguchi.hq.security.DeviceCa;
import jp.madoguchi.hq.security.Argon2PasswordHashing;
import jp.madoguchi.hq.store.Booth;
import jp.madoguchi.hq.store.Booths;
import jp.madoguchi.hq.store.ClerkAccounts;
import jp.madoguchi.hq.store.Database;
import jp.madoguchi.hq.store.EnrolmentCodes;
import jp.madoguchi.hq.store.LockoutPolicy;
import jp.madoguchi.hq.store.UsernameTakenException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * What IT staff do at headquarters without a running server: create a booth's one-time enrolment
 * code, list and revoke booths, add a clerk. They use the same configuration (and {@code --demo})
 * as the server and work on its database; a running headquarters sees a revocation within seconds.
 */
final class AdminCommands {
    private AdminCommands() {
    }

    /** Opens the configured database (migrated), runs {@code work}, closes it. */
    private static <T> T withDatabase(HqMain main, DatabaseWork<T> work) throws Exception {
        HqConfig config = main.config();
        Files.createDirectories(config.dataDir());
        try (Database database = Database.open(config.dbUrl(), config.dbUser().orElse(null),
                config.dbPassword().map(s -> new String(s.chars())).orElse(null))) {
            database.migrate();
            return work.run(config, database);
        }
    }

    @FunctionalInterface
    private interface DatabaseWork<T> {
        T run(HqConfig config, Database database) throws Exception;
    }

    @Command(name = "enrolment-code", description = "Create a one-time code a new booth enrols with (shown once; only its hash is kept).")
    static final class EnrolmentCode implements Callable<Integer> {
        @ParentCommand
        HqMain main;

        @Option(names = "--booth-name", required = true, description = "where the booth stands, e.g. 北部出張所")
        String boothName;

        @Option(names = "--valid-hours", defaultValue = "24", description = "how long the code works (default ${DEFAULT-VALUE})")
        int validHours;

        @Option(names = "--by", defaultValue = "it-staff", description = "who creates it (kept with the code)")
        String createdBy;

        @Override
        public Integer call() throws Exception {
            return withDatabase(main, (config, database) -> {
                Clock clock = Clock.systemUTC();
                EnrolmentService enrolment = new EnrolmentService(
                        DeviceCa.loadOrCreate(config.dataDir().resolve(jp.madoguchi.hq.HqApplication.DEVICE_CA_DIR)),
                        new EnrolmentCodes(database, clock), new Booths(database), clock, Duration.ofDays(730));
                String code = enrolment.createCode(boothName, Duration.ofHours(validHours), createdBy);
                main.out.println(code);
                main.out.println("Type this code at the booth's enrolment screen within " + validHours
                        + " hours. It works once.");
                main.out.flush();
                return 0;
            });
        }
    }

    @Command(name = "booths", description = "List the enrolled booths.")
    static final class ListBooths implements Callable<Integer> {
        @ParentCommand
        HqMain main;

        @Override
        public Integer call() throws Exception {
            return withDatabase(main, (config, database) -> {
                for (Booth booth : new Booths(database).list()) {
                    main.out.println(String.join("\t", booth.id(), booth.name(), String.valueOf(booth.enrolledAt()),
                            booth.revokedAt() == null ? "active" : "revoked " + booth.revokedAt()));
                }
                main.out.flush();
                return 0;
            });
        }
    }

    @Command(name = "revoke-booth", description = "Revoke a booth's device certificate: it is refused from its next request on.")
    static final class RevokeBooth implements Callable<Integer> {
        @ParentCommand
        HqMain main;

        @Parameters(paramLabel = "BOOTH_ID", description = "as `booths` lists it")
        String boothId;

        @Override
        public Integer call() throws Exception {
            return withDatabase(main, (config, database) -> {
                Booths booths = new Booths(database);
                if (booths.findById(boothId).isEmpty()) {
                    main.out.println("No booth " + boothId + ". See `hq-server.jar booths`.");
                    main.out.flush();
                    return 1;
                }
                boolean revoked = booths.revoke(boothId, Clock.systemUTC().instant());
                main.out.println(revoked ? "Booth " + boothId + " is revoked; a running headquarters refuses it within "
                        + Booths.DEFAULT_REFRESH_AFTER.toSeconds() + " seconds." : "Booth " + boothId + " was already revoked.");
                main.out.flush();
                return 0;
            });
        }
    }

    @Command(name = "add-clerk", description = "Add a clerk account (the password is asked twice without echo).")
    static final class AddClerk implements Callable<Integer> {
        @ParentCommand
        HqMain main;

        @Parameters(paramLabel = "USERNAME")
        String username;

        @Option(names = "--display-name", required = true, description = "the name the clerk console shows")
        String displayName;

        @Option(names = "--password-file", paramLabel = "FILE", description = "for scripts: a file holding the password")
        Path passwordFile;

        @Option(names = "--admin", description = "an admin clerk: may make enrolment codes, revoke booths and manage clerk accounts")
        boolean admin;

        @Override
        public Integer call() throws Exception {
            char[] password = password();
            if (password == null) {
                return 2;
            }
            try {
                return withDatabase(main, (config, database) -> {
                    ClerkAccounts accounts = new ClerkAccounts(database, new Argon2PasswordHashing(), Clock.systemUTC(),
                            LockoutPolicy.DEFAULT);
                    try {
                        accounts.create(username, displayName, password, admin);
                    } catch (UsernameTakenException e) {
                        main.out.println("The username " + username + " is taken.");
                        main.out.flush();
                        return 1;
                    }
                    main.out.println((admin ? "Admin clerk " : "Clerk ") + username + " added.");
                    main.out.flush();
                    return 0;
                });
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        private char[] password() throws Exception {
            if (passwordFile != null) {
                String text = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
                return text.toCharArray();
            }
            Console console = System.console();
            if (console == null) {
                main.out.println("No terminal to ask for the password on: use --password-file FILE.");
                main.out.flush();
                return null;
            }
            char[] first = console.readPassword("Password for %s: ", username);
            char[] second = console.readPassword("Again: ");
            try {
                if (first == null || first.length < 12 || !Arrays.equals(first, second)) {
                    main.out.println(first != null && first.length < 12 ? "Use at least 12 characters."
                            : "The two passwords differ.");
                    main.out.flush();
                    if (first != null) {
                        Arrays.fill(first, '\0');
                    }
                    return null;
                }
                return first;
            } finally {
                if (second != null) {
                    Arrays.fill(second, '\0');
                }
            }
        }
    }
}
