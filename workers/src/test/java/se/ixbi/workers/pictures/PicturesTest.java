package se.ixbi.workers.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.gpu.registration.AffineTransform;
import se.ixbi.gpu.registration.Volume;
import se.ixbi.workers.storage.LocalObjectStore;
import se.ixbi.workers.storage.Sha256;

/**
 * Pictures against volumes whose content is known: a bright box at a known place, a block moved by a known
 * translation, a section on a known plane. Positions in the picture are computed from the physical ones: the plane
 * is 512 pixels along its longer side, under a 30-pixel title and 8 pixels in from the left.
 */
class PicturesTest {

    private static final int TITLE = 30;
    private static final int LEFT = 8;

    @TempDir
    Path dir;

    /** 20 × 40 × 80 voxels of 2 × 1 × 0.5 µm: 38 × 39 × 39.5 µm, a bright box at z 10–20, y 5–15, x 25–35 µm. */
    private static Volume boxInVolume() {
        int d = 20;
        int h = 40;
        int w = 80;
        float[] v = new float[d * h * w];
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean box = z * 2.0 >= 10 && z * 2.0 <= 20 && y >= 5 && y <= 15 && x * 0.5 >= 25 && x * 0.5 <= 35;
                    v[(z * h + y) * w + x] = box ? 10 : 1;
                }
            }
        }
        return new Volume(d, h, w, new double[] {2, 1, 0.5}, new double[3], v);
    }

    @Test
    void slicesGoThroughTheMiddleInSquarePhysicalPixelsAndShowTheBoxWhereItIs() throws Exception {
        Volume volume = boxInVolume();
        List<Picture> slices = SlicePictures.of(volume, "Phantom");
        assertThat(slices).extracting(Picture::name).containsExactly("xy", "xz", "yz");
        assertThat(slices.get(0).caption()).isEqualTo("Phantom, XY slice at z = 19 µm");

        // XY at z = 19 µm crosses the box (z 10–20): y 39 µm is the longer side, 512 rows, x 39.5 µm 519 → 512
        Picture xy = slices.get(0);
        double pixel = 39.5 / 512;
        assertThat(xy.image().getHeight() - TITLE - 8).isEqualTo((int) Math.round(39 / pixel));
        assertThat(grey(xy.image(), 10 / pixel, 30 / pixel)).as("inside the box").isGreaterThan(200);
        assertThat(grey(xy.image(), 30 / pixel, 30 / pixel)).as("below it").isLessThan(60);
        assertThat(grey(xy.image(), 10 / pixel, 10 / pixel)).as("left of it").isLessThan(60);

        // XZ at y = 19.5 µm misses the box (y 5–15): one grey everywhere but the scale bar
        Picture xz = slices.get(1);
        assertThat(grey(xz.image(), 15 / (39.5 / 512), 30 / (39.5 / 512)))
                .isEqualTo(grey(xz.image(), 5 / (39.5 / 512), 5 / (39.5 / 512)));
        // YZ: 38 µm of z down, 39 µm of y across, at 39 / 512 µm a pixel
        Picture yz = slices.get(2);
        assertThat(yz.image().getHeight() - TITLE - 8).isEqualTo((int) Math.round(38 / (39.0 / 512)));
    }

    @Test
    void aBlockMovedByAKnownTranslationIsColouredWhereItLandsAndNowhereElse() {
        Volume xray = ramp(40);
        float[] ones = new float[10 * 10 * 10];
        java.util.Arrays.fill(ones, 5);
        ones[0] = 0;
        Volume block = Volume.of(10, 10, 10, 1.0, ones);
        // the block (0–9 µm) lands at 15–24 µm on every axis
        List<Picture> overlays = OverlayPictures.blockOnVolume(xray, block, AffineTransform.translation(15, 15, 15),
                "Block");
        assertThat(overlays).extracting(Picture::name).containsExactly("vem-on-xray-xy", "vem-on-xray-xz",
                "vem-on-xray-yz");
        for (Picture p : overlays) {
            // the plane spans twice the block (18 µm) around its centre at 19.5 µm: 10.5–28.5 µm
            double pixel = 18.0 / 511;
            Color centre = colour(p.image(), 9 / pixel, 9 / pixel);
            Color outside = colour(p.image(), 2 / pixel, 2 / pixel);
            assertThat(centre.getRed() - centre.getGreen()).as(p.caption()).isGreaterThan(30);
            assertThat(outside.getRed()).as(p.caption()).isEqualTo(outside.getGreen());
        }
        assertThat(overlays.get(0).caption()).isEqualTo("Block on the X-ray volume, XY plane through its centre"
                + " (z = 20 µm)");
    }

    @Test
    void aSectionIsDrawnOverTheVolumeAlongThePlaneItWasPlacedOn() {
        Volume xray = ramp(30);
        float[] image = new float[20 * 20];
        java.util.Arrays.fill(image, 3);
        image[0] = 0;
        Volume section = Volume.of(1, 20, 20, 1.0, image);
        // the section lies flat at z = 12, moved by 5 µm in y and x: the X-ray under it grows from left to right
        Picture p = OverlayPictures.sectionOnVolume(xray, section, (y, x) -> new double[] {12, y + 5, x + 5},
                "Section");
        assertThat(p.name()).isEqualTo("section-on-xray");
        double pixel = 19.0 / 511;
        Color left = colour(p.image(), 10 / pixel, 2 / pixel);
        Color right = colour(p.image(), 10 / pixel, 17 / pixel);
        assertThat(left.getGreen() - left.getRed()).as("bluish green over the section").isGreaterThan(30);
        assertThat(right.getRed()).as("the X-ray ramp shows through").isGreaterThan(left.getRed() + 30);
    }

    @Test
    void storedPicturesAreAnnouncedWithTheirChecksumAndTheSameBytesEachTime() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir, "ixbi");
        List<Picture> slices = SlicePictures.of(boxInVolume(), "Phantom");
        String folder = StoredPictures.folderBeside("cases/C-1/B/xray/reconstructed/abc.zarr");
        assertThat(folder).isEqualTo("cases/C-1/B/xray/reconstructed/abc.pictures");
        assertThat(StoredPictures.folderBeside("cases/C-1/B/vem/registered/t1.transform.json"))
                .isEqualTo("cases/C-1/B/vem/registered/t1.pictures");

        JsonNode announced = new ObjectMapper().readTree(StoredPictures.variable(StoredPictures.store(store, folder,
                slices)));
        assertThat(announced).hasSize(3);
        for (JsonNode p : announced) {
            byte[] png = store.read(store.key(URI.create(p.path("uri").asText())));
            assertThat(p.path("sha256").asText()).isEqualTo(Sha256.of(png));
            assertThat(p.path("sizeBytes").asLong()).isEqualTo(png.length);
            assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isGreaterThan(300);
        }
        List<Map<String, Object>> again = StoredPictures.store(store, folder, SlicePictures.of(boxInVolume(),
                "Phantom"));
        assertThat(again.get(0).get("sha256")).isEqualTo(announced.get(0).path("sha256").asText());
    }

    /** An n³ cube of 1 µm voxels whose value is x. */
    private static Volume ramp(int n) {
        float[] values = new float[n * n * n];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % n;
        }
        return Volume.of(n, n, n, 1.0, values);
    }

    private static int grey(BufferedImage image, double row, double column) {
        return colour(image, row, column).getGreen();
    }

    private static Color colour(BufferedImage image, double row, double column) {
        return new Color(image.getRGB(LEFT + (int) Math.round(column), TITLE + (int) Math.round(row)));
    }
}
