#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The in-place fills PyTorch's CPU kernels draw one element at a time, in double, with the
// scalar distributions of aten/src/ATen/core/DistributionsHelper.h: log_normal_, cauchy_
// and geometric_ (native/cpu/DistributionTemplates.h), each result cast to the dtype.

extension Generator {
    /// `tensor.log_normal_(mean, std)`: `exp` of a scalar Box-Muller normal, which shares
    /// the cached sine half with `torch.normal`'s scalar path.
    public func logNormal_(_ tensor: Tensor, mean: Double, std: Double) throws {
        guard std > 0 else { throw TensorError.runtime("log_normal_ expects std > 0.0, but found std=\(cppStreamDouble(std))") }
        guard tensor.dtype.isFloatingPoint else { throw randomNotImplemented("log_normal_cpu", tensor.dtype) }
        var cache = cachedNormal
        defer { cachedNormal = cache }
        fillEachElement(tensor) { engine in .float(exp(Generator.scalarNormal(&engine, cache: &cache, mean: mean, std: std))) }
    }

    /// `tensor.cauchy_(median, sigma)`: `median + sigma * tan(pi * (u - 0.5))`.
    public func cauchy_(_ tensor: Tensor, median: Double, sigma: Double) throws {
        guard sigma > 0 else { throw TensorError.runtime("cauchy_ expects sigma > 0.0, but found sigma=\(cppStreamDouble(sigma))") }
        guard tensor.dtype.isFloatingPoint else {
            throw TensorError.runtime("Cauchy distribution is a continuous probability distribution. dtype must be a floating point but you specified \(tensor.dtype.cppTypeName)")
        }
        fillEachElement(tensor) { engine in .float(median + sigma * tan(Double.pi * (engine.nextDouble() - 0.5))) }
    }

    /// `tensor.geometric_(p)`: `ceil(log(u) / log1p(-p))`, the number of trials to the
    /// first success.
    public func geometric_(_ tensor: Tensor, p: Double) throws {
        guard p > 0 && p < 1 else { throw TensorError.runtime("geometric_ expects p to be in (0, 1), but got p=\(cppStreamDouble(p))") }
        guard tensor.dtype != .bool else { throw randomNotImplemented("geometric_cpu", tensor.dtype) }
        let scale = log1p(-p)
        // The dtype conversion casts as C++ does on x86, out-of-range counts included.
        fillEachElement(tensor) { engine in .float(ceil(log(engine.nextDouble()) / scale)) }
    }

    /// Draws one value per element in PyTorch's iteration order and stores it rounded to
    /// the tensor's dtype.
    func fillEachElement(_ tensor: Tensor, _ draw: (inout MersenneTwister) -> Scalar) {
        tensor.storage.noteWrite()
        var engine = self.engine
        defer { self.engine = engine }
        randomForEachOffset(tensor) { offset in tensor.setScalar(draw(&engine), atStorageOffset: offset) }
    }
}
