/// float32 group_norm gradients rounded as PyTorch's CPU kernel (group_norm_kernel.cpp)
/// rounds them. With ds = Σ dy·x and db = Σ dy per (sample, channel), and their γ-weighted
/// sums over each group:
///   c2 = (db·mean − ds)·rstd·rstd·rstd·s,  c3 = −c2·mean − db·rstd·s  (s = 1 / group size),
///   dx = rstd·γ·dy + c2·x + c3,  dγ = Σₙ (ds − db·mean)·rstd,  dβ = Σₙ db.
/// The per-channel sums follow `map2_reduce_all` and `reduce_all` (eight lanes folded in
/// halves; here the tail's products are rounded before they are added), the group sums
/// `CalcDsDb` (eight lanes added in order, then the rest), and the multiply-adds are fused
/// where the compiled kernel fuses them. Each rule was matched bit for bit against PyTorch.
enum GroupNormBackward {
    struct Layout {
        let batch: Int
        let channels: Int
        let groups: Int
        let spatial: Int
        var groupChannels: Int { channels / groups }
    }

    /// dx goes to `dx` (every element written); dγ and dβ are returned.
    static func gradients(x: UnsafePointer<Float>, dy: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>,
                          mean: [Float], rstd: [Float], gamma: [Float]?, layout: Layout) -> (weight: [Float], bias: [Float]) {
        let (channels, spatial) = (layout.channels, layout.spatial)
        var ds = [Float](repeating: 0, count: layout.batch * channels)
        var db = ds
        for row in 0..<ds.count {
            let start = row * spatial
            ds[row] = LaneOrderedSum.dot(dy + start, x + start, count: spatial, fusedTail: false)
            db[row] = LaneOrderedSum.sum(dy + start, count: spatial)
        }
        let s = 1 / Float(layout.groupChannels * spatial)
        for slot in 0..<(layout.batch * layout.groups) {
            let group = slot % layout.groups
            let first = slot * layout.groupChannels
            let (dsGroup, dbGroup) = groupSums(ds, db, first: first, gamma: gamma, gammaStart: group * layout.groupChannels,
                                               count: layout.groupChannels)
            let (m, r) = (mean[slot], rstd[slot])
            let c2 = (-dsGroup).addingProduct(dbGroup, m) * r * r * r * s
            let c3 = (-(c2 * m)).addingProduct(-(dbGroup * r), s)
            for offset in 0..<layout.groupChannels {
                let channel = group * layout.groupChannels + offset
                let c1 = r * (gamma?[channel] ?? 1)
                let start = (first + offset) * spatial
                for index in start..<(start + spatial) {
                    dx[index] = (c2 * x[index]).addingProduct(c1, dy[index]) + c3
                }
            }
        }
        var dgamma = [Float](repeating: 0, count: channels)
        var dbeta = dgamma
        for sample in 0..<layout.batch {
            for channel in 0..<channels {
                let slot = sample * layout.groups + channel / layout.groupChannels
                let row = sample * channels + channel
                dgamma[channel] = dgamma[channel].addingProduct(ds[row].addingProduct(-db[row], mean[slot]), rstd[slot])
                dbeta[channel] += db[row]
            }
        }
        return (dgamma, dbeta)
    }

    /// `CalcDsDb` and its tail: γ-weighted sums of a group's channel sums.
    private static func groupSums(_ ds: [Float], _ db: [Float], first: Int, gamma: [Float]?, gammaStart: Int, count: Int)
        -> (ds: Float, db: Float) {
        let vectorEnd = count / 8 * 8
        var dsLanes = [Float](repeating: 0, count: 8), dbLanes = dsLanes
        for start in stride(from: 0, to: vectorEnd, by: 8) {
            for lane in 0..<8 {
                let weight = gamma?[gammaStart + start + lane] ?? 1
                dsLanes[lane] = dsLanes[lane].addingProduct(ds[first + start + lane], weight)
                dbLanes[lane] = dbLanes[lane].addingProduct(db[first + start + lane], weight)
            }
        }
        var dsTotal = dsLanes.reduce(0, +), dbTotal = dbLanes.reduce(0, +)
        for offset in vectorEnd..<count {
            let weight = gamma?[gammaStart + offset] ?? 1
            dsTotal = dsTotal.addingProduct(ds[first + offset], weight)
            dbTotal = dbTotal.addingProduct(db[first + offset], weight)
        }
        return (dsTotal, dbTotal)
    }
}

extension Tensor {
    /// float32 group_norm's input, weight and bias gradients for this input, from the
    /// forward's per-(sample, group) `mean` and `inverseDeviation`.
    public func float32GroupNormGradients(_ gradient: Tensor, mean: Tensor, inverseDeviation: Tensor, weight: Tensor?, groups: Int)
        throws -> (input: Tensor, weight: Tensor, bias: Tensor) {
        guard dtype == .float32, gradient.dtype == .float32, rank >= 2, groups > 0, shape[1] % groups == 0 else {
            throw TensorError.runtime("float32GroupNormGradients expects a float32 (N, C, *) input")
        }
        let layout = GroupNormBackward.Layout(batch: shape[0], channels: shape[1], groups: groups,
                                              spatial: shape.dropFirst(2).reduce(1, *))
        let floats = { (tensor: Tensor) in tensor.elements(as: Float.self) }
        // x and dy are read from their storage; dx is written in full.
        let (x, dy) = (try contiguous(), try gradient.contiguous())
        let dx = try Tensor.uninitialized(shape: shape, dtype: .float32)
        let result = GroupNormBackward.gradients(
            x: x.pointer(Float.self) + x.storageOffset, dy: dy.pointer(Float.self) + dy.storageOffset, into: dx.pointer(Float.self),
            mean: floats(try mean.to(.float32)), rstd: floats(try inverseDeviation.to(.float32)),
            gamma: try weight.map { floats(try $0.to(.float32)) }, layout: layout)
        return (dx, try Tensor(values: result.weight, shape: [shape[1]]), try Tensor(values: result.bias, shape: [shape[1]]))
    }
}
