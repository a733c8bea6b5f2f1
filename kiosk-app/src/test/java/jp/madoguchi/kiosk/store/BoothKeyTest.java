package jp.madoguchi.kiosk.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoothKeyTest {
    @TempDir
    Path dir;

    @Test
    void aNewKeyFileIsOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
        Path file = dir.resolve("secrets/booth.key");
        try (BoothKey key = BoothKey.loadOrCreate(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
            assertEquals(BoothKey.KEY_BYTES, Files.size(file));
            assertEquals(file.toAbsolutePath(), key.file());
        }
    }

    @Test
    void theSameFileGivesTheSameKey() throws Exception {
        Path file = dir.resolve("booth.key");
        byte[] first;
        try (BoothKey key = BoothKey.loadOrCreate(file)) {
            first = key.secretKey().getEncoded();
        }
        try (BoothKey key = BoothKey.loadOrCreate(file)) {
            assertArrayEquals(first, key.secretKey().getEncoded());
        }
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedWithTheFix() throws Exception {
        Path file = dir.resolve("booth.key");
        BoothKey.loadOrCreate(file).close();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        BoothKeyException e = assertThrows(BoothKeyException.class, () -> BoothKey.loadOrCreate(file));
        assertTrue(e.getMessage().contains("rw-r--r--"), e.getMessage());
        assertTrue(e.getMessage().contains("chmod 600 " + file.toAbsolutePath()), e.getMessage());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThrows(BoothKeyException.class, () -> BoothKey.load(file), "group-readable is refused too");
    }

    @Test
    void aKeyFileOfTheWrongLengthIsRefused() throws Exception {
        Path file = dir.resolve("booth.key");
        Files.write(file, new byte[16]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        BoothKeyException e = assertThrows(BoothKeyException.class, () -> BoothKey.load(file));
        assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
    }

    @Test
    void theKeyIsNeverInToStringAndIsWipedOnClose() throws Exception {
        Path file = dir.resolve("booth.key");
        BoothKey key = BoothKey.loadOrCreate(file);
        String hex = HexFormat.of().formatHex(Files.readAllBytes(file));
        assertFalse(key.toString().toLowerCase().contains(hex.substring(0, 8)), key.toString());
        key.close();
        assertThrows(IllegalStateException.class, key::secretKey);
    }
}
