package jp.madoguchi.kiosk.ui;

import java.util.List;
import java.util.Objects;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * The booth's look: one stylesheet of semantic tokens ({@code booth.css}), a high-contrast stylesheet that redefines
 * the tokens, and the {@code large-text} style class on the root that makes the one root font size 1.4 times
 * larger (every size is in em, so everything scales).
 */
public final class BoothTheme {
    public static final String STYLESHEET = resource("booth.css");
    public static final String HIGH_CONTRAST_STYLESHEET = resource("booth-high-contrast.css");
    /** On the scene's root: the large-text font size. */
    public static final String LARGE_TEXT_CLASS = "large-text";
    /** The root font size at normal size, in px (booth.css {@code .root}). */
    public static final double ROOT_FONT_PX = 24;

    private BoothTheme() {
    }

    /** Applies (or removes) large text and high contrast on a scene that has {@link #STYLESHEET}. */
    public static void apply(Scene scene, boolean largeText, boolean highContrast) {
        if (!scene.getStylesheets().contains(STYLESHEET)) {
            scene.getStylesheets().add(0, STYLESHEET);
        }
        if (highContrast && !scene.getStylesheets().contains(HIGH_CONTRAST_STYLESHEET)) {
            scene.getStylesheets().add(HIGH_CONTRAST_STYLESHEET);
        } else if (!highContrast) {
            scene.getStylesheets().remove(HIGH_CONTRAST_STYLESHEET);
        }
        Parent root = scene.getRoot();
        if (largeText && !root.getStyleClass().contains(LARGE_TEXT_CLASS)) {
            root.getStyleClass().add(LARGE_TEXT_CLASS);
        } else if (!largeText) {
            root.getStyleClass().remove(LARGE_TEXT_CLASS);
        }
    }

    /**
     * The installed font family for a language's script: IPAexGothic (booth.css's family, which covers Japanese
     * and Latin with Vietnamese accents) has no hangul and few simplified Chinese characters, and JavaFX does not
     * fall back per character, so Chinese and Korean name a family of their own. Empty: keep booth.css's family.
     */
    public static java.util.Optional<String> fontFamily(jp.madoguchi.kiosk.i18n.BoothLanguage language) {
        List<String> preferred = switch (language) {
            case CHINESE -> List.of("Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Zen Hei", "Droid Sans Fallback");
            case KOREAN -> List.of("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "UnDotum", "Baekmuk Gulim");
            default -> List.of();
        };
        if (preferred.isEmpty()) {
            return java.util.Optional.empty();
        }
        java.util.Set<String> installed = installedFamilies();
        return preferred.stream().filter(installed::contains).findFirst();
    }

    private static volatile java.util.Set<String> installedFamilies;

    /** The installed font families, asked of JavaFX once (it lists every font on the machine: about 10 ms). */
    private static java.util.Set<String> installedFamilies() {
        java.util.Set<String> families = installedFamilies;
        if (families == null) {
            families = java.util.Set.copyOf(javafx.scene.text.Font.getFamilies());
            installedFamilies = families;
        }
        return families;
    }

    /**
     * Looks up the fonts the attract screen shows (booth.css's and the Chinese and Korean families) so that the FX
     * thread finds them ready. For a thread of its own, once the toolkit runs; never needed for correctness.
     */
    public static void warmUpFonts() {
        javafx.scene.text.Font.font("IPAexGothic", ROOT_FONT_PX);
        for (jp.madoguchi.kiosk.i18n.BoothLanguage language : jp.madoguchi.kiosk.i18n.BoothLanguage.values()) {
            fontFamily(language).ifPresent(family -> javafx.scene.text.Font.font(family, ROOT_FONT_PX));
        }
    }

    /** An inline style giving {@code language}'s own font family, or "" when booth.css's family does. */
    public static String fontStyle(jp.madoguchi.kiosk.i18n.BoothLanguage language) {
        return fontFamily(language).map(family -> "-fx-font-family: \"" + family + "\";").orElse("");
    }

    private static String resource(String name) {
        return Objects.requireNonNull(BoothTheme.class.getResource(name), name).toExternalForm();
    }
}
