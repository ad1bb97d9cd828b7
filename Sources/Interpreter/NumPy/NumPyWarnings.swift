import TensorEngine

/// numpy's floating-point RuntimeWarnings (`divide by zero encountered in log`): a NaN or
/// an infinity that the inputs did not already hold. They go through the `warnings`
/// module, so `warnings.simplefilter('ignore')` silences them as it does numpy's.
extension Interpreter {
    /// `ufunc` is numpy's name for the operation (`divide`, `log`); `isScalarOperator` adds
    /// the "scalar " numpy 2 puts before operators between numpy scalars.
    func numpyWarnFloatErrors(_ ufunc: String, inputs: [Tensor], result: Tensor, isScalarOperator: Bool = false) {
        guard result.dtype.isFloatingPoint else { return }
        let values = result.doubles()
        let inputValues = inputs.filter(\.dtype.isFloatingPoint).map { $0.doubles() }
        let name = (isScalarOperator ? "scalar " : "") + ufunc
        let dividesByZero = ["divide", "floor_divide", "log", "log2", "log10", "remainder"].contains(ufunc)
        if values.contains(where: \.isInfinite) && !inputValues.contains(where: { $0.contains(where: \.isInfinite) }) {
            let kind = dividesByZero && inputs.contains(where: { $0.doubles().contains(0) }) ? "divide by zero" : "overflow"
            if !(ufunc == "remainder" && kind == "divide by zero") {
                numpyRuntimeWarning("\(kind) encountered in \(name)")
            }
        }
        if values.contains(where: \.isNaN) && !inputValues.contains(where: { $0.contains(where: \.isNaN) }) {
            numpyRuntimeWarning("invalid value encountered in \(name)")
        }
    }

    private func numpyRuntimeWarning(_ message: String) {
        try? issueWarning(message, category: ["RuntimeWarning", "Warning"], module: "__main__", raisesErrors: false)
    }
}
