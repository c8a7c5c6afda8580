/**
 * The native matrix product for the engine (core/nn/native-gemm.ts): cblas_sgemm of the
 * machine's BLAS (Debian's OpenBLAS, libopenblas0; macOS's Accelerate), called through koffi,
 * whose binaries come inside its npm packages. Absent library or koffi: null, with the reason.
 */
import { platform } from 'node:os';
import type { NativeGemm } from '../../core/nn/native-gemm.js';

/** Where a BLAS with cblas_sgemm is found, in order: the loader's search path, then Debian's alternatives. */
const LIBRARIES: Record<string, readonly string[]> = {
  linux: [
    'libopenblas.so.0',
    'libcblas.so.3',
    'libblas.so.3',
    '/usr/lib/x86_64-linux-gnu/libopenblas.so.0',
    '/usr/lib/aarch64-linux-gnu/libopenblas.so.0',
    '/usr/lib/x86_64-linux-gnu/libblas.so.3',
    '/usr/lib/aarch64-linux-gnu/libblas.so.3',
  ],
  darwin: ['/System/Library/Frameworks/Accelerate.framework/Accelerate'],
};

const ROW_MAJOR = 101, NO_TRANSPOSE = 111, TRANSPOSE = 112;

/**
 * Products below this many multiply-adds (m·n·k) stay in WebAssembly. Measured here (AMD EPYC,
 * OpenBLAS's Cooperlake kernels, one thread), OpenBLAS through koffi beat our kernels on every
 * shape of our networks, thin ones too (512×128×2: 2.6 µs against 12; 512×1×128: 2.4 against
 * 4.2), and tied near 16×16×16 (0.2 against 0.3 µs), where the call itself is the cost.
 */
export const NATIVE_MIN_WORK = 1 << 15;

/**
 * OpenBLAS's threads beside the engine's: one. The engine's worker threads take every other
 * kernel and spin briefly between kernels, so a second OpenBLAS thread fights them for the
 * core. Measured here (2 cores, shared machine, iterations/s, best of 3 interleaved rounds):
 * small, engine 2 threads: OpenBLAS on 1 thread 506, on 2 threads 241; large 9.7 against 6.2;
 * engine 1 thread: small 296 against 177, large 10.5 against 5.3.
 */
export const NATIVE_BLAS_THREADS = 1;

export type NativeBlas = { gemm: NativeGemm } | { gemm: null; reason: string };

/** --kernels: 'native' needs the BLAS, 'wasm' never uses it, 'auto' uses it when it loads. */
export const KERNEL_CHOICES = ['auto', 'wasm', 'native'] as const;
export type KernelChoice = (typeof KERNEL_CHOICES)[number];

/** A loaded library's functions; its thread count is process-wide, so the last one set is remembered. */
interface BlasLibrary {
  path: string;
  sgemm: (...args: unknown[]) => void;
  setThreads: ((count: number) => void) | null;
  coreName: string | null;
  threads: number;
}

/** Loaded once per process: a library stays loaded, and every engine shares it. */
let loaded: Promise<BlasLibrary | string> | null = null;
let loadedFrom: readonly string[] | null = null;

async function openLibrary(libraries: readonly string[]): Promise<BlasLibrary | string> {
  let koffi: (typeof import('koffi'))['default'];
  try {
    koffi = (await import('koffi')).default;
  } catch (error) {
    return `the koffi package cannot be loaded (${(error as Error).message})`;
  }
  const failures: string[] = [];
  for (const path of libraries) {
    let library: ReturnType<typeof koffi.load>;
    try {
      library = koffi.load(path);
    } catch (error) {
      failures.push(`${path}: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const optional = <T>(declaration: string): T | null => {
      try {
        return library.func(declaration) as T;
      } catch {
        return null;
      }
    };
    const sgemm = optional<(...args: unknown[]) => void>('void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha, const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc)');
    if (sgemm === null) {
      failures.push(`${path}: no cblas_sgemm`);
      library.unload();
      continue;
    }
    const coreName = optional<() => string>('const char *openblas_get_corename()');
    return { path, sgemm, setThreads: optional('void openblas_set_num_threads(int)'), coreName: coreName?.() ?? null, threads: 0 };
  }
  return failures.length === 0 ? `no BLAS library is known on ${platform()}` : failures.join('; ');
}

/**
 * The machine's BLAS for products on `threads` threads (OpenBLAS's own; Accelerate chooses for
 * itself), or why there is none. `libraries` replaces the default search list (tests).
 */
export async function loadNativeBlas(threads: number, libraries: readonly string[] = LIBRARIES[platform()] ?? []): Promise<NativeBlas> {
  if (loaded === null || loadedFrom !== libraries) {
    loaded = openLibrary(libraries);
    loadedFrom = libraries;
  }
  const library = await loaded;
  if (typeof library === 'string') return { gemm: null, reason: library };
  const wanted = Math.max(1, Math.floor(threads));
  const { sgemm, setThreads } = library;
  const name = setThreads === null ? library.path.split('/').pop()! : `openblas:${library.coreName ?? 'unknown'}`;
  const gemm: NativeGemm = {
    name,
    accepts: (m, n, k) => m * n * k >= NATIVE_MIN_WORK,
    gemm(transA, transB, m, n, k, a, b, c, accumulate) {
      // Engines of different thread counts may share the library: each product runs on its engine's.
      if (setThreads !== null && library.threads !== wanted) {
        setThreads(wanted);
        library.threads = wanted;
      }
      // Leading dimensions of at least 1: the library refuses 0 (an empty side) as an illegal value.
      sgemm(
        ROW_MAJOR, transA ? TRANSPOSE : NO_TRANSPOSE, transB ? TRANSPOSE : NO_TRANSPOSE, m, n, k,
        1, a, Math.max(1, transA ? m : k), b, Math.max(1, transB ? k : n), accumulate ? 1 : 0, c, Math.max(1, n),
      );
    },
  };
  return { gemm };
}
