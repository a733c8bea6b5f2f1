package jp.madoguchi.kiosk.app;

import java.io.PrintWriter;
import org.apache.commons.cli.AlreadySelectedException;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/** What the booth's commands (the booth, enroll, set-maintenance-pin) say alike about their command lines. */
final class CommandLines {
    /** Exit status of a bad command line, for every command. */
    static final int EXIT_USAGE = 2;

    private CommandLines() {
    }

    /** A parse error as a person reads it (picocli's wording, which the booth's users already know). */
    static String describe(ParseException e) {
        if (e instanceof UnrecognizedOptionException unknown) {
            return "Unknown option: '" + unknown.getOption() + "'";
        }
        if (e instanceof AlreadySelectedException both) {
            return "Error: --" + both.getOption().getLongOpt() + " and --"
                    + both.getOptionGroup().getSelected() + " are mutually exclusive (specify only one)";
        }
        if (e instanceof MissingArgumentException missing) {
            return "Missing required parameter for option '--" + missing.getOption().getLongOpt() + "' ("
                    + missing.getOption().getArgName() + ")";
        }
        return e.getMessage();
    }

    /** Says what is wrong and where the help is; returns {@link #EXIT_USAGE}. */
    static int usageError(PrintWriter err, String program, String problem) {
        err.println(program + ": " + problem);
        err.println("Try '" + program + " --help'.");
        err.flush();
        return EXIT_USAGE;
    }

    /** The help text: synopsis, description, the options in their declared order, then {@code footer}. */
    static void help(PrintWriter out, String synopsis, String description, Options options, String footer) {
        HelpFormatter help = HelpFormatter.builder().get();
        help.setWidth(100);
        help.setOptionComparator(null);
        help.printHelp(out, help.getWidth(), synopsis, description, options, help.getLeftPadding(),
                help.getDescPadding(), footer, false);
        out.flush();
    }
}
