package jp.madoguchi.kiosk.maintenance;

/**
 * One diagnostic. {@link #run()} blocks (network, card, disk) and bounds its own waiting (a few seconds); the
 * {@link Diagnostics} runs it on an executor and measures it.
 */
public interface Check {
    /** The bundle key of the check's name, e.g. {@code maint.check.hq.title}. */
    String titleKey();

    CheckResult run() throws Exception;
}
