package jp.madoguchi.video.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jp.madoguchi.video.loopback.LoopbackMeet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The loopback stand-in for Jitsi Meet on 127.0.0.1, until Ctrl-C (or until the thread running it is interrupted). */
@Command(name = "meet", mixinStandardHelpOptions = true,
        description = "Runs the loopback meeting server (a Jitsi Meet stand-in) on 127.0.0.1 until Ctrl-C.")
final class MeetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "the TCP port (default: a free one)")
    int port;

    @Option(names = "--app-secret-file", paramLabel = "FILE",
            description = "verify room tokens (HS256) with the secret in this file (default: tokens are not verified)")
    Path appSecretFile;

    @Option(names = "--no-lobby", description = "guests enter at once instead of knocking")
    boolean noLobby;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LoopbackMeet.Options options = LoopbackMeet.Options.defaults().withPort(port).withLobby(!noLobby);
        if (appSecretFile != null) {
            byte[] secret;
            try {
                secret = Files.readAllBytes(appSecretFile);
            } catch (IOException e) {
                spec.commandLine().getErr().println("Cannot read the app secret file " + appSecretFile + ": " + e);
                return VideoTool.EXIT_USAGE;
            }
            options = options.withAppSecret(new String(secret, java.nio.charset.StandardCharsets.UTF_8).strip()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (LoopbackMeet meet = LoopbackMeet.start(options)) {
            Thread hook = new Thread(stopped::countDown, "meet-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("meeting server: " + meet.baseUri());
            out.println("external_api.js: " + meet.baseUri().resolve("external_api.js"));
            out.println("lobby: " + (noLobby ? "off" : "on") + "; tokens: "
                    + (appSecretFile == null ? "not verified" : "verified with " + appSecretFile));
            out.println("Ctrl-C to stop.");
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // already on the way out: nothing to remove
                }
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("Cannot open the meeting server on port " + port + ": " + e.getMessage());
            return VideoTool.EXIT_FAILURE;
        }
        return VideoTool.EXIT_OK;
    }
}
