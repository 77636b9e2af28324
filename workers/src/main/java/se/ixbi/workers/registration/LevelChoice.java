package se.ixbi.workers.registration;

import se.ixbi.workers.omezarr.OmeZarrImage;

/**
 * Which pyramid level of each image to register: detail finer than half the other image's voxel cannot be matched,
 * so each image is read at the coarsest level still at least that fine — a nanometre vEM block is not read at full
 * resolution to meet a micrometre X-ray volume.
 */
record LevelChoice(int fixedLevel, int movingLevel) {

    static LevelChoice of(OmeZarrImage fixed, OmeZarrImage moving) {
        double f = finest(fixed);
        double m = finest(moving);
        double target = Math.max(f, m) / 2;
        return new LevelChoice(fixed.levelFor(Math.max(target, f)), moving.levelFor(Math.max(target, m)));
    }

    private static double finest(OmeZarrImage image) {
        double[] s = image.levels().get(0).spacingUm();
        return Math.min(s[0], Math.min(s[1], s[2]));
    }
}
