import TensorEngine

/// numpy's wording for the mistakes the engine reports in PyTorch's words: the same
/// mistake, as the numpy user will find it quoted in numpy's documentation and forums.
enum NumPyErrors {
    /// Runs an engine call, rewording its error with `reword` when that knows it.
    static func reworded<T>(_ body: () throws -> T, _ reword: (TensorError) -> PythonError?) throws -> T {
        do { return try body() } catch let error as TensorError {
            throw reword(error) ?? PythonError(error)
        }
    }

    /// `a + b` with shapes that do not broadcast.
    static func broadcast(_ shapes: [[Int]]) -> (TensorError) -> PythonError? {
        { error in
            guard error.message.contains("must match the size of tensor") else { return nil }
            let listed = shapes.map(NumPyArrayPrinting.shapeText).joined(separator: " ")
            return PythonError.valueError("operands could not be broadcast together with shapes \(listed) ")
        }
    }

    /// `a[i]` out of range, or with more indices than axes.
    static func indexing(rank: Int, indexCount: Int) -> (TensorError) -> PythonError? {
        { error in
            if error.message.contains("out of bounds for dimension") {
                return PythonError.indexError(error.message.replacing("for dimension", with: "for axis"))
            }
            if error.message.hasPrefix("too many indices") {
                return PythonError.indexError("too many indices for array: array is \(rank)-dimensional, but \(indexCount) were indexed")
            }
            return nil
        }
    }

    /// `a.reshape(shape)` with the wrong number of elements.
    static func reshape(count: Int, into shape: [Int]) -> (TensorError) -> PythonError? {
        { error in
            guard error.message.contains("is invalid for input of size") else { return nil }
            return PythonError.valueError("cannot reshape array of size \(count) into shape \(NumPyArrayPrinting.shapeText(shape))")
        }
    }
}
