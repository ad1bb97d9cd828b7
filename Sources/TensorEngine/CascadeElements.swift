/// The element types and reading policies of the cascade sum (Tensor+CascadeSum.swift).

/// An element type the cascade sums, with the vector ATen's AVX2 kernels hold it in.
protocol CascadeElement: BinaryFloatingPoint, CascadeSummable, TensorElement {
    associatedtype Vector: CascadeSummable
    static var vectorWidth: Int { get }
    static func loadVector(_ pointer: UnsafePointer<Self>) -> Vector
    static func lane(_ vector: Vector, _ index: Int) -> Self
    /// The vector with its NaN lanes replaced by zero.
    static func zeroingNaNs(_ vector: Vector) -> Vector
}

extension Float: CascadeElement {
    static var vectorWidth: Int { 8 }
    @inline(__always) static func loadVector(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }
    @inline(__always) static func lane(_ vector: SIMD8<Float>, _ index: Int) -> Float { vector[index] }
    /// Masked with the lanes' self-equality (all ones unless NaN) as bits: one compare
    /// and one and, where `replacing(with:where:)` ran lane by lane.
    @inline(__always) static func zeroingNaNs(_ vector: SIMD8<Float>) -> SIMD8<Float> {
        let keep = unsafeBitCast(vector .== vector, to: SIMD8<UInt32>.self)
        return unsafeBitCast(unsafeBitCast(vector, to: SIMD8<UInt32>.self) & keep, to: SIMD8<Float>.self)
    }
}

extension Double: CascadeElement {
    static var vectorWidth: Int { 4 }
    @inline(__always) static func loadVector(_ pointer: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Double>.self)
    }
    @inline(__always) static func lane(_ vector: SIMD4<Double>, _ index: Int) -> Double { vector[index] }
    @inline(__always) static func zeroingNaNs(_ vector: SIMD4<Double>) -> SIMD4<Double> {
        let keep = unsafeBitCast(vector .== vector, to: SIMD4<UInt64>.self)
        return unsafeBitCast(unsafeBitCast(vector, to: SIMD4<UInt64>.self) & keep, to: SIMD4<Double>.self)
    }
}

/// How the cascade reads an element: as stored (sum), or with NaN as zero (nansum).
protocol CascadeRead {
    static func scalar<T: CascadeElement>(_ value: T) -> T
    static func vector<T: CascadeElement>(_ value: T.Vector, _: T.Type) -> T.Vector
}

enum PlainRead: CascadeRead {
    @inline(__always) static func scalar<T: CascadeElement>(_ value: T) -> T { value }
    @inline(__always) static func vector<T: CascadeElement>(_ value: T.Vector, _: T.Type) -> T.Vector { value }
}

enum NaNAsZeroRead: CascadeRead {
    @inline(__always) static func scalar<T: CascadeElement>(_ value: T) -> T { value.isNaN ? 0 : value }
    @inline(__always) static func vector<T: CascadeElement>(_ value: T.Vector, _: T.Type) -> T.Vector {
        T.zeroingNaNs(value)
    }
}
