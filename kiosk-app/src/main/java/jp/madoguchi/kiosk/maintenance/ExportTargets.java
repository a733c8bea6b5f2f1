package jp.madoguchi.kiosk.maintenance;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where logs can be exported on a touch screen without a file dialog (which would open a window outside the
 * lockdown): the user's home, then every writable directory mounted under the removable-media roots
 * ({@code /media/<user>/*}, {@code /run/media/<user>/*}, {@code /media/*}). Blocking: run on an executor.
 */
public final class ExportTargets {
    private ExportTargets() {
    }

    /** For this machine's user. */
    public static List<Path> candidates() {
        String user = System.getProperty("user.name", "");
        Path home = Path.of(System.getProperty("user.home", "."));
        return candidates(home, List.of(Path.of("/media", user), Path.of("/run/media", user), Path.of("/media")));
    }

    static List<Path> candidates(Path home, List<Path> removableRoots) {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(home) && Files.isWritable(home)) {
            found.add(home);
        }
        for (Path root : removableRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (DirectoryStream<Path> mounts = Files.newDirectoryStream(root)) {
                for (Path mount : mounts) {
                    if (Files.isDirectory(mount) && Files.isWritable(mount) && !found.contains(mount)
                            && removableRoots.stream().noneMatch(mount::equals)) {
                        found.add(mount);
                    }
                }
            } catch (IOException e) {
                // an unreadable root offers nothing
            }
        }
        return found;
    }
}
