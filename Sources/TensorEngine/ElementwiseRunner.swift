/// Runs elementwise kernels straight over the operands' storage, with no intermediate
/// arrays: a Python number becomes a one-element buffer read at stride 0, a broadcast
/// operand a zero-stride view, and `StridedLoop` hands each row to `mapRow`.
extension Operand {
    /// The operand with its tensor converted to `dtype` (a copy only when it differs),
    /// which is what TensorIterator's common-dtype cast does before the kernel runs.
    func converted(to dtype: DType) throws -> Operand {
        if case let .tensor(tensor) = self, tensor.dtype != dtype { return .tensor(try tensor.to(dtype)) }
        return self
    }

    /// Calls `body` with a pointer to the elements, which must already be of type `T`,
    /// and the view that reads them broadcast to `shape`.
    @inline(__always)
    func withElements<T: TensorElement, Result>(
        as type: T.Type, broadcastTo shape: [Int], _ body: (UnsafePointer<T>, View) -> Result
    ) -> Result {
        switch self {
        case let .tensor(tensor):
            precondition(tensor.dtype == T.dtype, "operand not converted to the compute type")
            let view = tensor.shape == shape ? tensor.view : broadcastView(tensor.view, to: shape)
            return body(UnsafePointer(tensor.pointer(T.self)), view)
        case let .scalar(scalar):
            var value = scalar.converted(to: T.self)
            let view = View(shape: shape, strides: [Int](repeating: 0, count: shape.count), offset: 0)
            return withUnsafePointer(to: &value) { body($0, view) }
        }
    }

    /// Is any element zero? (Integer division and remainder refuse a zero divisor.)
    func containsZero<T: TensorElement>(as type: T.Type) -> Bool {
        switch self {
        case let .tensor(tensor):
            let base = tensor.pointer(T.self)
            var found = false
            tensor.view.forEachOffset { if base[$0] == T.zero { found = true } }
            return found
        case let .scalar(scalar):
            return scalar.converted(to: T.self) == T.zero
        }
    }
}

/// `output = body(a, b)` elementwise, both operands of type `T` and broadcast to the
/// output's shape. The output is written through its own view, so it may be a fresh
/// tensor or the destination of an in-place op.
@inline(__always)
func runElementwise<T: TensorElement, R: TensorElement>(
    _ a: Operand, _ b: Operand, into output: Tensor, _ body: (T, T) -> R
) {
    withBinaryLoop(a, b, into: output, as: T.self) { (loop, destination: UnsafeMutablePointer<R>, first, second) in
        let (outputStride, firstStride, secondStride) = loop.innerStrides
        let length = loop.rowLength
        loop.forEachRow { out, x, y in
            mapRow(destination + out, outputStride, first + x, firstStride, second + y, secondStride, length, body)
        }
    }
}

/// The loop over `output` and two operands of type `T` broadcast to its shape, handed to
/// `body` with the output's and the operands' element pointers (offsets come per row).
@inline(__always)
func withBinaryLoop<T: TensorElement, R: TensorElement>(
    _ a: Operand, _ b: Operand, into output: Tensor, as type: T.Type,
    _ body: (StridedLoop, UnsafeMutablePointer<R>, UnsafePointer<T>, UnsafePointer<T>) -> Void
) {
    let shape = output.shape
    a.withElements(as: T.self, broadcastTo: shape) { first, firstView in
        b.withElements(as: T.self, broadcastTo: shape) { second, secondView in
            body(StridedLoop(shape: shape, output: output.view, firstView, secondView), output.pointer(R.self), first, second)
        }
    }
}

/// `output = body(input)` elementwise; `input` has `output`'s shape and type `A`.
@inline(__always)
func runElementwise<A: TensorElement, R: TensorElement>(
    _ input: Tensor, into output: Tensor, _ body: (A) -> R
) {
    let loop = StridedLoop(shape: output.shape, output: output.view, input.view)
    let source = UnsafePointer(input.pointer(A.self))
    let destination = output.pointer(R.self)
    let (outputStride, inputStride, _) = loop.innerStrides
    let length = loop.rowLength
    loop.forEachRow { out, x, _ in
        mapRow(destination + out, outputStride, source + x, inputStride, length, body)
    }
}
