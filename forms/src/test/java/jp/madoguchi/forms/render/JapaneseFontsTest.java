package jp.madoguchi.forms.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JapaneseFontsTest {
    @Test
    void missingFontSaysWhereItLookedAndHowToFixIt(@TempDir Path emptyDir) {
        JapaneseFontMissingException missing = assertThrows(JapaneseFontMissingException.class,
                () -> new JapaneseFonts(emptyDir));
        String message = missing.getMessage();
        assertTrue(message.startsWith("Japanese font not found at " + emptyDir.resolve("ipaexm.ttf")), message);
        assertTrue(message.contains("fonts-ipaexfont-mincho fonts-ipaexfont-gothic"), message);
        assertTrue(message.contains("scripts/install-system-deps.sh"), message);
        assertTrue(message.contains(JapaneseFonts.FONT_DIR_PROPERTY), message);
    }

    @Test
    void fileThatIsNotAFontIsRejectedClearly(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(JapaneseFonts.MINCHO_FILE_NAME), "not a font");
        Files.copy(JapaneseFonts.DEBIAN_GOTHIC, dir.resolve(JapaneseFonts.GOTHIC_FILE_NAME));
        JapaneseFontMissingException broken = assertThrows(JapaneseFontMissingException.class, () -> new JapaneseFonts(dir));
        assertTrue(broken.getMessage().contains("not a usable TrueType font"), broken.getMessage());
    }

    @Test
    void systemPropertyPointsAtAnotherFolder(@TempDir Path dir) throws IOException {
        Files.copy(JapaneseFonts.DEBIAN_MINCHO, dir.resolve(JapaneseFonts.MINCHO_FILE_NAME));
        Files.copy(JapaneseFonts.DEBIAN_GOTHIC, dir.resolve(JapaneseFonts.GOTHIC_FILE_NAME));
        String before = System.getProperty(JapaneseFonts.FONT_DIR_PROPERTY);
        System.setProperty(JapaneseFonts.FONT_DIR_PROPERTY, dir.toString());
        try {
            JapaneseFonts fonts = JapaneseFonts.fromSystem();
            assertEquals(dir.resolve(JapaneseFonts.MINCHO_FILE_NAME), fonts.minchoFile());
            assertEquals(dir.resolve(JapaneseFonts.GOTHIC_FILE_NAME), fonts.gothicFile());
        } finally {
            if (before == null) {
                System.clearProperty(JapaneseFonts.FONT_DIR_PROPERTY);
            } else {
                System.setProperty(JapaneseFonts.FONT_DIR_PROPERTY, before);
            }
        }
    }

    @Test
    void propertyPointingAtAnEmptyFolderFailsWithTheSameAdvice(@TempDir Path emptyDir) {
        String before = System.getProperty(JapaneseFonts.FONT_DIR_PROPERTY);
        System.setProperty(JapaneseFonts.FONT_DIR_PROPERTY, emptyDir.toString());
        try {
            JapaneseFontMissingException missing = assertThrows(JapaneseFontMissingException.class, JapaneseFonts::fromSystem);
            assertTrue(missing.getMessage().contains(emptyDir.toString()), missing.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(JapaneseFonts.FONT_DIR_PROPERTY);
            } else {
                System.setProperty(JapaneseFonts.FONT_DIR_PROPERTY, before);
            }
        }
    }

    @Test
    void defaultsAreTheDebianPaths() {
        JapaneseFonts fonts = new JapaneseFonts(JapaneseFonts.DEBIAN_MINCHO, JapaneseFonts.DEBIAN_GOTHIC);
        assertEquals(Path.of("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"), fonts.minchoFile());
        assertEquals(Path.of("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"), fonts.gothicFile());
    }
}
