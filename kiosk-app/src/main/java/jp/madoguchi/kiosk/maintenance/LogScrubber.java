package jp.madoguchi.kiosk.maintenance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The second line of defence for exported logs: the booth never logs personal data, but anything that looks like
 * it is masked on the way out anyway. Masked: every run of 8 or more digits (half- or full-width) and the
 * 4-4-4 shape of an individual number ({@code [number]}), dates in Western or Japanese-era notation
 * ({@code [date]}), Japanese address shapes (prefecture…city, 丁目, 番地, 号: {@code [address]}), and every string
 * of an explicit denylist, case-insensitively ({@code [redacted]}). Kept: the timestamp at the start of a line
 * and reference numbers ({@code MD-20261123-K7M3Q9}), which IT staff need. Not thread-safe (counts its masks).
 */
public final class LogScrubber {
    private static final String KANA_KANJI = "\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}ー";
    private static final String DIGIT = "[0-9０-９]";

    /** The timestamp a log line starts with, and reference numbers: never masked. */
    private static final Pattern LEADING_TIMESTAMP = Pattern.compile(
            "^\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?\\]?");
    private static final Pattern REFERENCE = Pattern.compile("\\b(?:MD-)?[0-9]{8}-[A-Z0-9]{6}\\b");

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(?:明治|大正|昭和|平成|令和|\\b[MTSHR])\\s?(?:" + DIGIT + "{1,2}|元)\\s?[年./]\\s?"
                    + DIGIT + "{1,2}\\s?[月./]\\s?" + DIGIT + "{1,2}日?"), "[date]"),
            new Rule(Pattern.compile(DIGIT + "{4}\\s?[-/.年]\\s?" + DIGIT + "{1,2}\\s?[-/.月]\\s?" + DIGIT
                    + "{1,2}日?"), "[date]"),
            new Rule(Pattern.compile(DIGIT + "{4}[ \\-－]" + DIGIT + "{4}[ \\-－]" + DIGIT + "{4}"), "[number]"),
            new Rule(Pattern.compile(DIGIT + "{8,}"), "[number]"),
            new Rule(Pattern.compile("[" + KANA_KANJI + "]{1,10}[都道府県][" + KANA_KANJI + "]{0,15}?[市区町村郡][" + KANA_KANJI
                    + "0-9０-９\\-－の]*"), "[address]"),
            new Rule(Pattern.compile(DIGIT + "{1,4}丁目(?:" + DIGIT + "{1,4}番地?)?(?:" + DIGIT + "{1,4}号?)?"), "[address]"),
            new Rule(Pattern.compile(DIGIT + "{1,4}番地(?:" + DIGIT + "{1,4}号?)?"), "[address]"));

    private final List<Pattern> denylist;
    private int masks;

    /** @param denylist strings that must never leave the booth (each at least 2 characters; shorter ones are ignored) */
    public LogScrubber(Collection<String> denylist) {
        List<Pattern> patterns = new ArrayList<>();
        denylist.stream().filter(s -> s != null && s.strip().length() >= 2).map(String::strip)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .forEach(s -> patterns.add(Pattern.compile(Pattern.quote(s), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
        this.denylist = List.copyOf(patterns);
    }

    /** How many things were masked so far. */
    public int masks() {
        return masks;
    }

    /** The line with anything that looks personal masked. */
    public String scrub(String line) {
        String text = line;
        for (Pattern denied : denylist) {
            text = replace(denied, text, "[redacted]");
        }
        // keep the leading timestamp and reference numbers as they are; mask the rest piece by piece
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        Matcher lead = LEADING_TIMESTAMP.matcher(text);
        if (lead.find()) {
            out.append(lead.group());
            from = lead.end();
        }
        Matcher reference = REFERENCE.matcher(text);
        reference.region(from, text.length());
        while (reference.find()) {
            out.append(maskPiece(text.substring(from, reference.start()))).append(reference.group());
            from = reference.end();
        }
        out.append(maskPiece(text.substring(from)));
        return out.toString();
    }

    private String maskPiece(String piece) {
        String text = piece;
        for (Rule rule : RULES) {
            text = replace(rule.pattern(), text, rule.replacement());
        }
        return text;
    }

    private String replace(Pattern pattern, String text, String replacement) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            masks++;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return "LogScrubber[denylist=" + denylist.size() + " entries, masks=" + masks + "]";
    }
}
