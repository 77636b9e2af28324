# syntax=docker/dockerfile:1
# The worker node for GPU nodes: ghcr.io/ixbi/ixbi-workers-cuda, the same jar on NVIDIA's CUDA runtime with
# Temurin's JRE. Build the jar where nvcc is (/usr/local/cuda/bin/nvcc), so that it carries the kernels
# (deploy/gpu/package-runtime.sh warns when it does not), then from the repository's root:
#   docker build -f deploy/images/workers-cuda.Dockerfile -t ghcr.io/ixbi/ixbi-workers-cuda:0.1.0 .
# The node needs the NVIDIA driver and container toolkit; the driver library (libcuda) comes from the host.
FROM eclipse-temurin:17.0.16_8-jre-noble AS jre

# JCuda 12.6 (gpu/pom.xml) calls the driver API of CUDA 12.6
FROM nvidia/cuda:12.6.3-runtime-ubuntu24.04

ENV JAVA_HOME=/opt/java/openjdk \
    LANG=C.UTF-8
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=jre /opt/java/openjdk /opt/java/openjdk

# fonts for the pictures' captions (Java2D), as Temurin's own image has them
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fontconfig ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 ixbi \
 && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin ixbi \
 && mkdir -p /var/lib/ixbi/scratch \
 && chown 10001:10001 /var/lib/ixbi/scratch

COPY --chmod=0755 deploy/images/ixbi-entrypoint.sh /opt/ixbi/entrypoint
COPY --chmod=0755 deploy/images/ixbi-healthcheck.sh /opt/ixbi/healthcheck
COPY --chmod=0644 workers/target/ixbi-workers.jar /opt/ixbi/app.jar

USER 10001:10001
WORKDIR /opt/ixbi
ENV IXBI_WORKERS_SCRATCH=/var/lib/ixbi/scratch \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility
VOLUME ["/var/lib/ixbi/scratch"]
EXPOSE 8081
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD ["/opt/ixbi/healthcheck", "8081", "/actuator/health/liveness"]
ENTRYPOINT ["/opt/ixbi/entrypoint"]
