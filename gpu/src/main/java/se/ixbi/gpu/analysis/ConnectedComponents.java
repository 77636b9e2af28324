package se.ixbi.gpu.analysis;

import java.util.ArrayList;
import java.util.List;

/** Labels the 6-connected components of a 3D mask (z, y, x, row-major) with a union-find over voxels. */
final class ConnectedComponents {

    /** One component: its voxels' indices. */
    public record Component(int[] voxels) {
        public int size() {
            return voxels.length;
        }
    }

    private ConnectedComponents() {
    }

    /** Components of at least {@code minSize} voxels, largest first. */
    public static List<Component> of(boolean[] mask, int depth, int height, int width, int minSize) {
        int n = mask.length;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = mask[i] ? i : -1;
        }
        int plane = height * width;
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int i = z * plane + y * width + x;
                    if (!mask[i]) {
                        continue;
                    }
                    if (x > 0 && mask[i - 1]) {
                        union(parent, i, i - 1);
                    }
                    if (y > 0 && mask[i - width]) {
                        union(parent, i, i - width);
                    }
                    if (z > 0 && mask[i - plane]) {
                        union(parent, i, i - plane);
                    }
                }
            }
        }
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            if (mask[i]) {
                size[find(parent, i)]++;
            }
        }
        int[] slot = new int[n];
        List<int[]> members = new ArrayList<>();
        java.util.Arrays.fill(slot, -1);
        List<Integer> fillCount = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (mask[i]) {
                int root = find(parent, i);
                if (size[root] < minSize) {
                    continue;
                }
                if (slot[root] < 0) {
                    slot[root] = members.size();
                    members.add(new int[size[root]]);
                    fillCount.add(0);
                }
                int s = slot[root];
                members.get(s)[fillCount.get(s)] = i;
                fillCount.set(s, fillCount.get(s) + 1);
            }
        }
        List<Component> out = new ArrayList<>();
        for (int[] m : members) {
            out.add(new Component(m));
        }
        out.sort((a, b) -> Integer.compare(b.size(), a.size()));
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
