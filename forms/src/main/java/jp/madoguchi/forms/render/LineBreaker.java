package jp.madoguchi.forms.render;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Breaks one paragraph of Japanese text into lines no wider than a limit, for any measure of width
 * (points of a PDF font, columns of a receipt printer).
 *
 * <p>Japanese may break between any two characters, with two exceptions kept here: a line never
 * begins with closing punctuation or small kana, and never ends with an opening bracket (禁則処理,
 * by pushing a character to the next line — 追い出し). A run of ASCII letters, digits and signs
 * (a lot number "1-2-3", a building name "ABC") is kept whole when it fits on a line. Spaces a line
 * breaks at are dropped. Each line remembers the code-point range it came from, so characters
 * marked by position (外字 checks) can be found on the line that shows them.
 */
final class LineBreaker {
    private static final double TOLERANCE = 1e-3;

    /**
     * One line.
     *
     * @param text what the line shows
     * @param start index of its first code point in the paragraph
     * @param end index after its last code point
     */
    record Line(String text, int start, int end) {
    }

    private LineBreaker() {
    }

    /** A unit that is never split unless it alone is wider than a line: [start, end) in code points. */
    private record Unit(int start, int end, boolean space) {
    }

    static List<Line> breakLines(String paragraph, double maxWidth, IntToDoubleFunction codePointWidth) {
        int[] codePoints = paragraph.codePoints().toArray();
        List<Line> lines = new ArrayList<>();
        Deque<Unit> pending = new ArrayDeque<>(units(codePoints));
        List<Unit> line = new ArrayList<>();
        double lineWidth = 0;
        while (!pending.isEmpty()) {
            Unit unit = pending.removeFirst();
            if (unit.space() && line.isEmpty()) {
                continue; // a line never begins with a space
            }
            double unitWidth = width(codePoints, unit, codePointWidth);
            if (lineWidth + unitWidth <= maxWidth + TOLERANCE) {
                line.add(unit);
                lineWidth += unitWidth;
                continue;
            }
            if (unit.space()) {
                lines.add(finish(codePoints, line)); // break at the space and drop it
                line.clear();
                lineWidth = 0;
                continue;
            }
            if (line.isEmpty()) {
                // A unit wider than a whole line (a very long ASCII run): split it where it must.
                int fitting = unit.start();
                double used = 0;
                while (fitting < unit.end() && used + codePointWidth.applyAsDouble(codePoints[fitting]) <= maxWidth + TOLERANCE) {
                    used += codePointWidth.applyAsDouble(codePoints[fitting]);
                    fitting++;
                }
                fitting = Math.max(fitting, unit.start() + 1); // at least one character, or nothing would progress
                lines.add(finish(codePoints, List.of(new Unit(unit.start(), fitting, false))));
                if (fitting < unit.end()) {
                    pending.addFirst(new Unit(fitting, unit.end(), false));
                }
                continue;
            }
            int keep = unitsKeptOnLine(codePoints, line, unit);
            List<Unit> carried = new ArrayList<>(line.subList(keep, line.size()));
            while (!carried.isEmpty() && carried.get(0).space()) {
                carried.remove(0); // a line never begins with a space
            }
            double carriedWidth = 0;
            for (Unit c : carried) {
                carriedWidth += width(codePoints, c, codePointWidth);
            }
            if (carriedWidth + unitWidth > maxWidth + TOLERANCE) {
                carried = List.of(); // pushing would overflow the next line: breaking the rule is the lesser evil
                carriedWidth = 0;
                keep = line.size();
            }
            line.subList(keep, line.size()).clear();
            lines.add(finish(codePoints, line));
            line.clear();
            line.addAll(carried);
            lineWidth = carriedWidth;
            pending.addFirst(unit);
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(finish(codePoints, line));
        }
        return lines;
    }

    /**
     * How many units of {@code line} stay on it when the line breaks before {@code next}; the rest
     * move to the next line with it, so that no line begins or ends with a forbidden character.
     */
    private static int unitsKeptOnLine(int[] codePoints, List<Unit> line, Unit next) {
        int keep = line.size();
        if (JapaneseText.mayNotStartLine(codePoints[next.start()]) && keep > 1) {
            keep--;
        }
        while (keep > 1 && JapaneseText.mayNotEndLine(codePoints[line.get(keep - 1).end() - 1])) {
            keep--;
        }
        return keep;
    }

    private static Line finish(int[] codePoints, List<Unit> line) {
        int last = line.size();
        while (last > 0 && line.get(last - 1).space()) {
            last--;
        }
        if (last == 0) {
            int at = line.isEmpty() ? 0 : line.get(0).start();
            return new Line("", at, at);
        }
        int start = line.get(0).start();
        int end = line.get(last - 1).end();
        return new Line(new String(codePoints, start, end - start), start, end);
    }

    private static List<Unit> units(int[] codePoints) {
        List<Unit> units = new ArrayList<>();
        int i = 0;
        while (i < codePoints.length) {
            int codePoint = codePoints[i];
            if (codePoint == ' ') {
                units.add(new Unit(i, i + 1, true));
                i++;
            } else if (isAsciiWordCharacter(codePoint)) {
                int end = i + 1;
                while (end < codePoints.length && isAsciiWordCharacter(codePoints[end])) {
                    end++;
                }
                units.add(new Unit(i, end, false));
                i = end;
            } else {
                units.add(new Unit(i, i + 1, false));
                i++;
            }
        }
        return units;
    }

    private static boolean isAsciiWordCharacter(int codePoint) {
        return codePoint > ' ' && codePoint <= '~';
    }

    private static double width(int[] codePoints, Unit unit, IntToDoubleFunction codePointWidth) {
        double sum = 0;
        for (int i = unit.start(); i < unit.end(); i++) {
            sum += codePointWidth.applyAsDouble(codePoints[i]);
        }
        return sum;
    }
}
