package jp.madoguchi.kiosk.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.madoguchi.card.emulator.Persona;
import jp.madoguchi.forms.fill.Wareki;

/**
 * Looks for a resident's personal data in files, in every form it could plausibly have been written in: the
 * name (with and without its space), the address and its street part, the birth date (ISO, {@code yyyyMMdd},
 * {@code 1980年2月17日}, {@code 昭和55年2月17日}) and the individual number — as UTF-8, UTF-16LE, UTF-16BE,
 * Shift_JIS (windows-31j), EUC-JP and ISO-2022-JP, percent-encoded (a URL, a cookie), as JSON {@code \\uXXXX}
 * escapes (Chromium's Preferences, a log of JSON) and as base64 of UTF-8 at each of the three alignments (a PEM, a
 * data: URL, a JWT). Texts of the test's own ({@link #with}) are looked for the same way.
 *
 * <p>A finding names the file, what was found (a label such as "name") and the encoding, never the data itself, so
 * a failing test does not print the data it protects. Directories are walked; files are read whole (the booth's
 * files are small). Not thread-safe.
 */
public final class PersonalDataScan {
    /** One piece of personal data found: where, what (a label), in which encoding, at which byte. */
    public record Finding(Path file, String what, String encoding, long offset) {
        @Override
        public String toString() {
            return what + " (" + encoding + ") in " + file + " at byte " + offset;
        }
    }

    /** What a scan looked at and what it found. */
    public record Result(int files, long bytes, List<Finding> findings) {
        public Result plus(Result other) {
            List<Finding> all = new ArrayList<>(findings);
            all.addAll(other.findings);
            return new Result(files + other.files, bytes + other.bytes, List.copyOf(all));
        }
    }

    private record Pattern(String what, String encoding, byte[] bytes) {
    }

    private final Map<String, String> texts = new LinkedHashMap<>();
    private List<Pattern> patterns;

    private PersonalDataScan() {
    }

    /** The persona's name, address, birth date and individual number. */
    public static PersonalDataScan of(Persona persona) {
        PersonalDataScan scan = new PersonalDataScan();
        scan.with("name", persona.name());
        scan.with("name without its space", persona.name().replace("\u3000", "").replace(" ", ""));
        scan.with("address", persona.address());
        streetPart(persona.address()).ifPresent(street -> scan.with("address (street)", street));
        scan.with("birth date (ISO)", persona.birthDate().toString());
        scan.with("birth date (yyyyMMdd)", persona.birthDate().toString().replace("-", ""));
        scan.with("birth date (年月日)", Wareki.gregorian(persona.birthDate()));
        scan.with("birth date (和暦)", Wareki.format(persona.birthDate()));
        scan.with("individual number", persona.individualNumber());
        return scan;
    }

    /** Also looks for {@code text}, reported as {@code what}. */
    public PersonalDataScan with(String what, String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("nothing to look for as " + what);
        }
        texts.put(what, text);
        patterns = null;
        return this;
    }

    /** The address after its prefecture and municipality ("霞が関１－２－３"), if there is such a part of 4+ chars. */
    static java.util.Optional<String> streetPart(String address) {
        int cut = -1;
        for (int i = 0; i < Math.min(address.length(), 14); i++) {
            if ("都道府県市区町村".indexOf(address.charAt(i)) >= 0) {
                cut = i;
            }
        }
        String street = cut < 0 ? "" : address.substring(cut + 1);
        return street.length() >= 4 ? java.util.Optional.of(street) : java.util.Optional.empty();
    }

    /**
     * The regular files created since {@code since} directly in {@code folder} (e.g. java.io.tmpdir, where the JDK,
     * ImageIO, sqlite-jdbc and PDFBox put their temporary files), under 50 MB. Folders other programs create there
     * meanwhile (another test's headquarters, which rightly stores applications) are left out: callers add the
     * folders that are the booth's.
     */
    public static List<Path> filesCreatedSince(Path folder, java.time.Instant since) {
        List<Path> found = new ArrayList<>();
        try (var entries = Files.list(folder)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                    if (attributes.isRegularFile() && attributes.creationTime().toInstant().isAfter(since)
                            && attributes.size() < 50_000_000 && Files.isReadable(entry)) {
                        found.add(entry);
                    }
                } catch (IOException gone) {
                    // deleted meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Scans every regular file in {@code paths} (directories walked; missing paths skipped). */
    public Result scan(Collection<Path> paths) {
        List<Pattern> all = patterns();
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : paths) {
            collect(path, files);
        }
        List<Finding> findings = new ArrayList<>();
        long bytes = 0;
        int scanned = 0;
        for (Path file : files) {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                continue; // deleted meanwhile, or not readable by this user
            }
            scanned++;
            bytes += content.length;
            for (Pattern pattern : all) {
                int at = indexOf(content, pattern.bytes());
                if (at >= 0) {
                    findings.add(new Finding(file, pattern.what(), pattern.encoding(), at));
                }
            }
        }
        return new Result(scanned, bytes, List.copyOf(findings));
    }

    /** Scans, and fails (naming files, labels and encodings, never the data) when anything is found. */
    public Result assertNoneIn(Collection<Path> paths) {
        Result result = scan(paths);
        if (!result.findings().isEmpty()) {
            throw new AssertionError("personal data found:\n  " + String.join("\n  ",
                    result.findings().stream().map(Finding::toString).toList()));
        }
        return result;
    }

    private static void collect(Path path, Set<Path> files) {
        if (Files.isRegularFile(path)) {
            files.add(path);
            return;
        }
        if (!Files.isDirectory(path)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- encodings

    private List<Pattern> patterns() {
        if (patterns == null) {
            List<Pattern> list = new ArrayList<>();
            texts.forEach((what, text) -> list.addAll(encodings(what, text)));
            patterns = List.copyOf(list);
        }
        return patterns;
    }

    /** The byte forms of one text, each distinct form once. */
    static List<Pattern> encodings(String what, String text) {
        Map<String, byte[]> forms = new LinkedHashMap<>();
        forms.put("UTF-8", text.getBytes(StandardCharsets.UTF_8));
        forms.put("UTF-16LE", text.getBytes(StandardCharsets.UTF_16LE));
        forms.put("UTF-16BE", text.getBytes(StandardCharsets.UTF_16BE));
        for (String charset : List.of("windows-31j", "EUC-JP", "ISO-2022-JP")) {
            encode(text, Charset.forName(charset)).ifPresent(bytes -> forms.put(charset, charset.equals("ISO-2022-JP")
                    ? withoutShiftSequences(bytes) : bytes));
        }
        String url = URLEncoder.encode(text, StandardCharsets.UTF_8);
        forms.put("percent-encoded UTF-8", url.getBytes(StandardCharsets.US_ASCII));
        forms.put("percent-encoded UTF-8 (lower case)", lowerCaseEscapes(url).getBytes(StandardCharsets.US_ASCII));
        String json = jsonEscaped(text);
        forms.put("JSON \\u escapes", json.getBytes(StandardCharsets.US_ASCII));
        forms.put("JSON \\u escapes (upper case)", upperCaseEscapes(json).getBytes(StandardCharsets.US_ASCII));
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length >= 6) {
            for (int alignment = 0; alignment < 3; alignment++) {
                forms.put("base64 of UTF-8 (alignment " + alignment + ")",
                        base64Core(utf8, alignment).getBytes(StandardCharsets.US_ASCII));
            }
        }
        List<Pattern> patterns = new ArrayList<>();
        List<byte[]> seen = new ArrayList<>();
        forms.forEach((encoding, bytes) -> {
            if (bytes.length > 0 && seen.stream().noneMatch(b -> Arrays.equals(b, bytes))) {
                seen.add(bytes);
                patterns.add(new Pattern(what, encoding, bytes));
            }
        });
        return patterns;
    }

    private static java.util.Optional<byte[]> encode(String text, Charset charset) {
        CharsetEncoder encoder = charset.newEncoder();
        try {
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return java.util.Optional.of(bytes);
        } catch (CharacterCodingException e) {
            return java.util.Optional.empty(); // a character this charset cannot write
        }
    }

    /**
     * ISO-2022-JP switches character sets with escape sequences; inside a longer text the needle's own leading and
     * trailing ones may be absent (the set was already switched): the part between them is looked for.
     */
    private static byte[] withoutShiftSequences(byte[] bytes) {
        int from = 0;
        int to = bytes.length;
        if (to - from >= 3 && bytes[0] == 0x1B) {
            from = 3;
        }
        if (to - from >= 3 && bytes[to - 3] == 0x1B) {
            to -= 3;
        }
        return Arrays.copyOfRange(bytes, from, to);
    }

    private static String lowerCaseEscapes(String url) {
        StringBuilder out = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            out.append(c);
            if (c == '%' && i + 2 < url.length()) {
                out.append(url.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
                i += 2;
            }
        }
        return out.toString();
    }

    private static String jsonEscaped(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c < 0x80) {
                out.append(c);
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static String upperCaseEscapes(String json) {
        return java.util.regex.Pattern.compile("\\\\u([0-9a-f]{4})").matcher(json)
                .replaceAll(m -> "\\\\u" + m.group(1).toUpperCase(Locale.ROOT));
    }

    /**
     * The base64 characters that depend only on {@code bytes} when they start {@code alignment} bytes into a
     * 3-byte group: whatever comes before and after, these characters appear in the encoding of the whole.
     */
    static String base64Core(byte[] bytes, int alignment) {
        byte[] padded = new byte[alignment + bytes.length];
        System.arraycopy(bytes, 0, padded, alignment, bytes.length);
        String encoded = Base64.getEncoder().withoutPadding().encodeToString(padded);
        int first = (8 * alignment + 5) / 6;
        int end = (8 * (alignment + bytes.length)) / 6;
        return encoded.substring(first, Math.min(end, encoded.length()));
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
