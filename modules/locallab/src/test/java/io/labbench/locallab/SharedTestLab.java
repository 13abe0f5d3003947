package io.labbench.locallab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test class its one {@link RunningTestLab}: a {@code RunningTestLab} parameter (of a
 * {@code @BeforeAll}, a constructor or a test) gets the class's lab, brought up on first use in a fresh
 * state folder, and closed and deleted after the class's last test. Its tests share the lab, as a learner's
 * steps share one cluster; a {@code @Nested} class shares its outer class's lab.
 * <pre>
 * &#64;ExtendWith(SharedTestLab.class)
 * class SomeLabTest {
 *     &#64;BeforeAll
 *     static void up(RunningTestLab running) { ... }
 * </pre>
 */
public final class SharedTestLab implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedTestLab.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningTestLab.class;
    }

    @Override
    public RunningTestLab resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return outermostClass(context).getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningTestLab.class, key -> Up.start(), Up.class).lab();
    }

    /** The context of the top-level test class, so a method's or nested class's lab is the whole class's. */
    private static ExtensionContext outermostClass(ExtensionContext context) {
        ExtensionContext classContext = context;
        for (var parent = context.getParent(); parent.isPresent() && parent.get().getTestClass().isPresent();
                parent = parent.get().getParent()) {
            classContext = parent.get();
        }
        return classContext;
    }

    /** A lab and its state folder; JUnit closes it when the class's context ends. */
    private record Up(RunningTestLab lab, Path stateRoot) implements ExtensionContext.Store.CloseableResource {

        static Up start() {
            try {
                Path stateRoot = Files.createTempDirectory("lbt-lab");
                return new Up(RunningTestLab.up(stateRoot), stateRoot);
            } catch (IOException e) {
                throw new UncheckedIOException("the test lab did not come up: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                lab.close();
            } finally {
                try (Stream<Path> files = Files.walk(stateRoot)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }
}
