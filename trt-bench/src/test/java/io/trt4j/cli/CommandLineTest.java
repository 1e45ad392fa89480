package io.trt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.convert.onnx.proto.Onnx;
import io.trt4j.core.TensorRt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome trt4j(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Trt4jCommand.execute(args);
            return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void convertsAZooModelAndInspectsTheResult() throws Exception {
        Path onnx = dir.resolve("m.onnx");
        Outcome c = trt4j("convert", "--zoo", "MOBILENET_V1", "-o", onnx.toString());
        assertEquals(0, c.status(), c.err());
        assertTrue(c.out().contains("converted"), c.out());
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertEquals("input:0", model.getGraph().getInput(0).getName());
        assertEquals(17, model.getOpsetImport(0).getVersion());

        Outcome i = trt4j("inspect", onnx.toString());
        assertEquals(0, i.status(), i.err());
        assertTrue(i.out().contains("input  input:0 FLOAT[N,224,224,3]") || i.out().contains("input  input:0 FLOAT["),
                i.out());
        assertTrue(i.out().contains("Conv="), i.out());
    }

    @Test
    void convertsWithNchwInputs() throws Exception {
        Path onnx = dir.resolve("nchw.onnx");
        Outcome c = trt4j("convert", "--zoo", "MOBILENET_V2", "--inputs-as-nchw", "-o", onnx.toString());
        assertEquals(0, c.status(), c.err());
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(onnx));
        Onnx.TensorShapeProto shape = model.getGraph().getInput(0).getType().getTensorType().getShape();
        assertEquals(3, shape.getDim(1).getDimValue());
        assertEquals(224, shape.getDim(3).getDimValue());
    }

    @Test
    void reportsAMissingGraphFileByName() {
        Outcome c = trt4j("convert", "--graph", dir.resolve("nope.pb").toString(), "-o", dir.resolve("x.onnx").toString());
        assertEquals(1, c.status());
        assertTrue(c.err().contains("nope.pb"), c.err());
    }

    @Test
    void rejectsTwoSources() {
        Outcome c = trt4j("convert", "--zoo", "MOBILENET_V1", "--graph", "a.pb", "-o", "x.onnx");
        assertEquals(2, c.status());
        assertTrue(c.err().contains("mutually exclusive"), c.err());
    }

    @Test
    void buildWithoutAGpuSaysWhy() throws Exception {
        Assumptions.assumeFalse(TensorRt.isAvailable(), "a GPU is present: this test checks the no-GPU message");
        Path onnx = dir.resolve("m.onnx");
        assertEquals(0, trt4j("convert", "--zoo", "MOBILENET_V1", "-o", onnx.toString()).status());
        Outcome b = trt4j("build", "--onnx", onnx.toString(), "-o", dir.resolve("m.plan").toString());
        assertEquals(1, b.status());
        assertTrue(b.err().contains("GpuUnavailableException"), b.err());
        assertTrue(b.err().contains(TensorRt.diagnosis().substring(0, 20)), b.err());
    }

    @Test
    void benchRefusesUnknownOptionsWithoutJmh() {
        Outcome b = trt4j("bench", "--engine", "x.plan", "-wi", "3");
        assertEquals(1, b.status());
        assertTrue(b.err().contains("-wi"), b.err());
    }

    @Test
    void profileArgumentsKeepColonsInNames() {
        ProfileArg p = ProfileArg.parse("input:0:1x299x299x3:8x299x299x3:32x299x299x3");
        assertEquals("input:0", p.name());
        assertEquals(32, p.max().dim(0));
        assertEquals(-1, ShapeArg.parse("?x3").dim(0));
    }

    @Test
    void everyBuildOptionReachesTheEngineConfig() throws Exception {
        Path onnx = dir.resolve("m.onnx");
        assertEquals(0, trt4j("convert", "--zoo", "MOBILENET_V1", "-o", onnx.toString()).status());
        BuildCommand build = new BuildCommand();
        new picocli.CommandLine(build).parseArgs("--onnx", onnx.toString(), "-o", "x.plan", "--precision", "FP16",
                "--profile", "input:0:1x224x224x3:8x224x224x3:32x224x224x3", "--workspace-mib", "256",
                "--timing-cache", "t.cache", "--engine-cache", "plans");
        io.trt4j.convert.engine.EngineConfig config = build.engineBuilder().config();
        assertEquals(io.trt4j.convert.engine.Precision.FP16, config.precision());
        assertEquals(1, config.profiles().size());
        io.trt4j.convert.engine.ShapeRange range = config.profiles().get(0).range("input:0");
        assertTrue(range != null, "profile for input:0 in " + config.profiles());
        assertEquals(32, range.max().dim(0));
        assertEquals(256L << 20, config.workspaceBytes());
        assertEquals(Path.of("t.cache"), config.timingCache());
        assertEquals(Path.of("plans"), config.engineCacheDir());
    }
}
