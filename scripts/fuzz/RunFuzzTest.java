import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one {@code @FuzzTest} method in this JVM, for scripts/fuzz.sh: Jazzer fuzzes a single test per JVM, and
 * starting Maven once per target would cost more than the fuzzing itself. Usage (the module's test classpath, with
 * {@code JAZZER_FUZZ=1} for fuzzing): {@code java -cp CP scripts/fuzz/RunFuzzTest.java some.Class#method}.
 * Exit code 0 when the run found nothing, 1 when it failed, 2 when nothing was run.
 */
public final class RunFuzzTest {
    public static void main(String[] args) throws ClassNotFoundException {
        if (args.length != 1 || !args[0].contains("#")) {
            System.err.println("usage: RunFuzzTest some.package.SomeFuzzTest#method");
            System.exit(2);
        }
        String className = args[0].substring(0, args[0].indexOf('#'));
        String methodName = args[0].substring(args[0].indexOf('#') + 1);
        Class<?> testClass = Class.forName(className);
        List<Method> methods = Arrays.stream(testClass.getDeclaredMethods())
                .filter(method -> method.getName().equals(methodName))
                .toList();
        if (methods.size() != 1) {
            System.out.println(args[0] + ": " + methods.size() + " methods of that name");
            System.exit(2);
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(testClass, methods.get(0)))
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.printFailuresTo(new PrintWriter(System.out, true), 40);
        if (summary.getTestsStartedCount() == 0) {
            System.out.println(args[0] + ": no test ran (a wrong name?)");
            System.exit(2);
        }
        System.exit(summary.getTotalFailureCount() == 0 ? 0 : 1);
    }
}
