package se.ixbi.workers.fusion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A linear cell-type classifier as an ONNX model, written byte by byte in ONNX's protobuf encoding (onnx.proto3:
 * ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto) so that the test needs no Python: labels =
 * ArgMax(X · W + b) over types, with the {@code genes} and {@code labels} metadata that {@link OnnxCellTypes} reads.
 */
final class LinearOnnxModel {

    private LinearOnnxModel() {
    }

    /** @param weights genes × types */
    static void write(Path file, String[] genes, String[] labels, float[][] weights, float[] bias) throws IOException {
        int g = genes.length;
        int k = labels.length;
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        field(graph, 1, node(new String[] {"X", "W"}, "XW", "MatMul"));
        field(graph, 1, node(new String[] {"XW", "b"}, "scores", "Add"));
        field(graph, 1, node(new String[] {"scores"}, "labels", "ArgMax", attributeInt("axis", 1),
                attributeInt("keepdims", 0)));
        string(graph, 2, "linear-cell-types");
        float[] w = new float[g * k];
        for (int i = 0; i < g; i++) {
            System.arraycopy(weights[i], 0, w, i * k, k);
        }
        field(graph, 5, tensor("W", new long[] {g, k}, w));
        field(graph, 5, tensor("b", new long[] {k}, bias));
        field(graph, 11, valueInfo("X", 1, new Object[] {"cells", (long) g}));
        field(graph, 12, valueInfo("labels", 7, new Object[] {"cells"}));

        ByteArrayOutputStream model = new ByteArrayOutputStream();
        varintField(model, 1, 8); // ir_version
        string(model, 2, "ixbi test");
        field(model, 7, graph.toByteArray());
        ByteArrayOutputStream opset = new ByteArrayOutputStream();
        string(opset, 1, "");
        varintField(opset, 2, 13);
        field(model, 8, opset.toByteArray());
        field(model, 14, entry("genes", String.join(",", genes)));
        field(model, 14, entry("labels", String.join(",", labels)));
        Files.write(file, model.toByteArray());
    }

    private static byte[] node(String[] inputs, String output, String op, byte[]... attributes) {
        ByteArrayOutputStream n = new ByteArrayOutputStream();
        for (String in : inputs) {
            string(n, 1, in);
        }
        string(n, 2, output);
        string(n, 3, op + "-" + output);
        string(n, 4, op);
        for (byte[] attribute : attributes) {
            field(n, 5, attribute);
        }
        return n.toByteArray();
    }

    private static byte[] attributeInt(String name, long value) {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        string(a, 1, name);
        varintField(a, 3, value);
        varintField(a, 20, 2); // AttributeType INT
        return a.toByteArray();
    }

    private static byte[] tensor(String name, long[] dims, float[] values) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        for (long d : dims) {
            varintField(t, 1, d);
        }
        varintField(t, 2, 1); // FLOAT
        string(t, 8, name);
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        field(t, 9, raw.array());
        return t.toByteArray();
    }

    /** @param elemType 1 FLOAT, 7 INT64; @param dims a String for a named dimension, a Long for a fixed one */
    private static byte[] valueInfo(String name, int elemType, Object[] dims) {
        ByteArrayOutputStream shape = new ByteArrayOutputStream();
        for (Object d : dims) {
            ByteArrayOutputStream dim = new ByteArrayOutputStream();
            if (d instanceof Long value) {
                varintField(dim, 1, value);
            } else {
                string(dim, 2, d.toString());
            }
            field(shape, 1, dim.toByteArray());
        }
        ByteArrayOutputStream tensorType = new ByteArrayOutputStream();
        varintField(tensorType, 1, elemType);
        field(tensorType, 2, shape.toByteArray());
        ByteArrayOutputStream type = new ByteArrayOutputStream();
        field(type, 1, tensorType.toByteArray());
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        string(v, 1, name);
        field(v, 2, type.toByteArray());
        return v.toByteArray();
    }

    private static byte[] entry(String key, String value) {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        string(e, 1, key);
        string(e, 2, value);
        return e.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, int field, String value) {
        field(out, field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(ByteArrayOutputStream out, int field, byte[] bytes) {
        varint(out, (long) field << 3 | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varintField(ByteArrayOutputStream out, int field, long value) {
        varint(out, (long) field << 3);
        varint(out, value);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
