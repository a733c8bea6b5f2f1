package jp.madoguchi.kiosk.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booth's AES-256 key, which encrypts the {@link Outbox} at rest. It lives in its own file of 32
 * random bytes, made on the first start with permissions {@code 0600} in a directory made {@code 0700};
 * a key file that group or others can read is refused, with the command that fixes it.
 *
 * <p>The key is held in one {@code byte[]}, zeroed by {@link #close()}; it never appears in
 * {@link #toString()}, logs or exception messages. (The JCE copies it for the length of each
 * encryption; those copies are not reachable from here and are not wiped.) Thread-safe.
 *
 * <p>On a file system without POSIX permissions (Windows) the file is created without them and the
 * directory's ACL is the installer's job.
 */
public final class BoothKey implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BoothKey.class);

    public static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path file;
    private final byte[] key;
    private boolean closed;

    private BoothKey(Path file, byte[] key) {
        this.file = file;
        this.key = key;
    }

    /**
     * Loads the key from {@code file}, or creates it (32 bytes from {@link SecureRandom}, mode 0600;
     * missing directories mode 0700) when it does not exist yet.
     *
     * @throws BoothKeyException if the file is readable by group or others, has the wrong length,
     *                           or cannot be read or created
     */
    public static BoothKey loadOrCreate(Path file) {
        Objects.requireNonNull(file, "file");
        Path absolute = file.toAbsolutePath();
        if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            try {
                create(absolute);
                log.info("booth key created: file={}", absolute);
            } catch (FileAlreadyExistsException raced) {
                // another process made it first: load that one
            } catch (IOException e) {
                throw new BoothKeyException("cannot create the booth key file " + absolute + ": " + e.getMessage(), e);
            }
        }
        return load(absolute);
    }

    /** Loads an existing key file; refuses one that group or others may read. */
    public static BoothKey load(Path file) {
        Path absolute = file.toAbsolutePath();
        requireOwnerOnly(absolute);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(absolute);
        } catch (IOException e) {
            throw new BoothKeyException("cannot read the booth key file " + absolute + ": " + e.getMessage(), e);
        }
        if (bytes.length != KEY_BYTES) {
            int length = bytes.length;
            Arrays.fill(bytes, (byte) 0);
            throw new BoothKeyException("the booth key file " + absolute + " holds " + length + " bytes, not "
                    + KEY_BYTES + "; it is damaged or not a booth key. Restore it from the booth's backup; without"
                    + " it, undelivered applications in the outbox cannot be read");
        }
        return new BoothKey(absolute, bytes);
    }

    private static void create(Path file) throws IOException {
        Path directory = file.getParent();
        boolean posix = Files.getFileAttributeView(directory == null ? file.getRoot() : nearestExisting(directory),
                PosixFileAttributeView.class) != null;
        if (directory != null && !Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY); // the umask may have narrowed it
            } else {
                Files.createDirectories(directory);
            }
        }
        byte[] fresh = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        try (SeekableByteChannel channel = posix
                ? Files.newByteChannel(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.SYNC), PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.newByteChannel(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.SYNC))) {
            ByteBuffer buffer = ByteBuffer.wrap(fresh);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } finally {
            Arrays.fill(fresh, (byte) 0);
        }
        if (posix) {
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        }
    }

    private static Path nearestExisting(Path directory) {
        Path candidate = directory;
        while (candidate != null && !Files.exists(candidate)) {
            candidate = candidate.getParent();
        }
        return candidate == null ? directory.getRoot() : candidate;
    }

    private static void requireOwnerOnly(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system: the installer restricts the directory's ACL
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new BoothKeyException("cannot read the booth key file " + file + ": " + e.getMessage(), e);
        }
        EnumSet<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(permissions);
        open.retainAll(GROUP_OR_OTHERS);
        if (!open.isEmpty()) {
            throw new BoothKeyException("refusing the booth key file " + file + ": its permissions are "
                    + PosixFilePermissions.toString(permissions) + ", so users other than the booth's own can"
                    + " read it. Make it readable by its owner only (chmod 600 " + file + ", and chmod 700 on its"
                    + " directory), check that nobody copied it, and start the booth again");
        }
    }

    /** The file the key was read from (not secret: protected by its permissions). */
    public Path file() {
        return file;
    }

    /** A key object for one encryption or decryption. */
    SecretKey secretKey() {
        synchronized (key) {
            if (closed) {
                throw new IllegalStateException("the booth key is closed");
            }
            return new SecretKeySpec(key, "AES");
        }
    }

    /** Zeroes the key in memory. Idempotent. */
    @Override
    public void close() {
        synchronized (key) {
            Arrays.fill(key, (byte) 0);
            closed = true;
        }
    }

    @Override
    public String toString() {
        return "BoothKey[file=" + file + "]";
    }
}
