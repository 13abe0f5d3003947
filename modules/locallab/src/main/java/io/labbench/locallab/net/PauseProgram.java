package io.labbench.locallab.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The program a pod's {@code /pause} runs: what Kubernetes' own {@code pause.c} is, a static binary
 * that does nothing, here a 148-byte x86-64 ELF written into the lab's folder. It blocks in
 * {@code read(0)} on the pipe from the JVM and exits when that pipe ends (the JVM gone), like the
 * {@code cat} it replaces, but links no libc: about 10 KiB resident instead of {@code cat}'s 1.7 MiB,
 * which with 110 pods on a node is most of what the holders cost. Where it cannot run (another CPU, a
 * {@code noexec} folder) {@link #install} says so and the pods keep {@code cat}.
 */
public final class PauseProgram {

    private static final long BASE = 0x400000L;
    private static final int HEADERS = 64 + 56;

    /**
     * {@code loop: xor eax,eax; xor edi,edi; mov rsi,rsp; mov edx,16; syscall} (read(0, sp, 16)),
     * {@code test rax,rax; jg loop}, then {@code mov eax,60; xor edi,edi; syscall} (exit(0)).
     */
    private static final byte[] CODE = {
        0x31, (byte) 0xc0, 0x31, (byte) 0xff, 0x48, (byte) 0x89, (byte) 0xe6, (byte) 0xba, 0x10, 0, 0, 0, 0x0f, 0x05,
        0x48, (byte) 0x85, (byte) 0xc0, 0x7f, (byte) 0xed,
        (byte) 0xb8, 0x3c, 0, 0, 0, 0x31, (byte) 0xff, 0x0f, 0x05,
    };

    private PauseProgram() {
    }

    /** The ELF file: one header, one loadable read+execute segment (itself), the code right after the headers. */
    static byte[] elf() {
        int size = HEADERS + CODE.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        b.putShort((short) 2).putShort((short) 0x3e).putInt(1); // ET_EXEC, x86-64, version 1
        b.putLong(BASE + HEADERS).putLong(64).putLong(0); // entry, program headers, no section headers
        b.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1).putShort((short) 64)
                .putShort((short) 0).putShort((short) 0);
        b.putInt(1).putInt(5).putLong(0).putLong(BASE).putLong(BASE).putLong(size).putLong(size).putLong(0x1000); // PT_LOAD, R+X
        b.put(CODE);
        return b.array();
    }

    /**
     * Writes the program to {@code dir/pause} and checks that it runs here (it must end at once on an
     * empty stdin); empty when this machine is no x86-64 or the folder does not allow running programs.
     */
    public static Optional<Path> install(Path dir) {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("pause");
            Files.write(file, elf());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r-xr-xr-x"));
            Process run = new ProcessBuilder(file.toString()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).start();
            if (!run.waitFor(5, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                return Optional.empty();
            }
            return run.exitValue() == 0 ? Optional.of(file) : Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
