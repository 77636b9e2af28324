// Direct back projection with linear interpolation: the CUDA twin of CpuBackProjector.
// One thread per output pixel, one grid z-layer per slice of the batch. A filtered row is read as if it had a
// zero guard pixel at each end, exactly as the CPU version does, so both backends agree to rounding.
extern "C" __global__ void backproject(const float* __restrict__ filtered, int angles, int width,
                                       const float* __restrict__ cosv, const float* __restrict__ sinv,
                                       float center, int n, float scale, float* __restrict__ slices)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    int s = blockIdx.z;
    if (x >= n || y >= n) {
        return;
    }
    float half = (n - 1) * 0.5f;
    float fx = x - half;
    float fy = y - half;
    const float* sinogram = filtered + (size_t) s * angles * width;
    float sum = 0.0f;
    for (int a = 0; a < angles; a++) {
        float t = fx * cosv[a] + fy * sinv[a] + center + 1.0f;
        if (t >= 0.0f && t < (float) (width + 1)) {
            int i = (int) t;
            float w = t - i;
            const float* row = sinogram + a * width;
            float left = i == 0 ? 0.0f : row[i - 1];
            float right = i >= width ? 0.0f : row[i];
            sum += left + w * (right - left);
        }
    }
    slices[(size_t) s * n * n + y * n + x] = sum * scale;
}
