package org.luoshi.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A .docx opened the way a reader would: converted to PDF by LibreOffice from Debian's packages, its
 * pages read back as text lines (poppler's pdftotext) and drawn as images for a person to look at.
 */
public final class Pdf {

    private final Path pdf;

    private Pdf(Path pdf) {
        this.pdf = pdf;
    }

    /** Converts {@code docx} into a PDF beside it, and draws its pages into target/screenshots. */
    public static Pdf of(Path docx) throws IOException, InterruptedException {
        for (String tool : List.of("soffice", "pdftotext", "pdfinfo", "pdftoppm")) {
            if (!onPath(tool)) {
                throw new IllegalStateException(
                        tool
                                + " not found: install it with apt-get install libreoffice-writer-nogui poppler-utils (see README)");
            }
        }
        Path dir = docx.toAbsolutePath().getParent();
        // a profile of its own, so that a LibreOffice open elsewhere does not swallow the conversion
        Path profile = Files.createTempDirectory("lo-profile");
        run(List.of(
                "soffice",
                "-env:UserInstallation=" + profile.toUri(),
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                dir.toString(),
                docx.toAbsolutePath().toString()));
        String name = docx.getFileName().toString().replaceFirst("\\.docx$", "");
        Path pdf = dir.resolve(name + ".pdf");
        if (!Files.exists(pdf)) {
            throw new IllegalStateException("LibreOffice made no PDF of " + docx);
        }
        Path shots = Path.of("target/screenshots");
        Files.createDirectories(shots);
        run(List.of(
                "pdftoppm",
                "-r",
                "50",
                "-png",
                pdf.toString(),
                shots.resolve(name).toString()));
        return new Pdf(pdf);
    }

    public int pages() throws IOException, InterruptedException {
        for (String line : run(List.of("pdfinfo", pdf.toString())).split("\n")) {
            if (line.startsWith("Pages:")) {
                return Integer.parseInt(line.substring(6).strip());
            }
        }
        throw new IllegalStateException("pdfinfo gave no page count");
    }

    /** "595.304 x 841.89 pts (A4)". */
    public String pageSize() throws IOException, InterruptedException {
        for (String line : run(List.of("pdfinfo", pdf.toString())).split("\n")) {
            if (line.startsWith("Page size:")) {
                return line.substring(10).strip();
            }
        }
        throw new IllegalStateException("pdfinfo gave no page size");
    }

    /** The non-empty text lines of one page (from 1), page numbers included. */
    public List<String> lines(int page) throws IOException, InterruptedException {
        String text = run(List.of("pdftotext", "-f", "" + page, "-l", "" + page, pdf.toString(), "-"));
        List<String> lines = new ArrayList<>();
        Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).forEach(lines::add);
        return lines;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(command.getFirst() + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
