package jp.madoguchi.forms.catalogue;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The catalogue could not be loaded because at least one definition is wrong. It carries every
 * problem found, not just the first, so one round of fixing is enough: a booth must not start
 * with a form silently dropped, and IT staff should not have to fix errors one at a time.
 */
public final class CatalogueException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<Problem> problems;

    public CatalogueException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order and, within a file, in line order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return "the form catalogue has " + count + ":\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
