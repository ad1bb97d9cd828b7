import Autograd
import TensorEngine

/// Writes by index that combine or replace: index_copy, scatter_reduce, index_reduce, put,
/// and the functional forms of writing into a view (select/slice/diagonal_scatter).
extension OpTable {
    private static let writeForms: OpVariants = [.function, .method, .inPlace]

    static let indexWriteOps: [OpEntry] = [
        OpEntry("index_copy", "Tensor input, int dim, Tensor index, Tensor source", writeForms, family: .indexing,
                explain: OpExplanation(.elementwise(words: "a copy of the input with the slices along dim that index names replaced by the source's slices"),
                                       inPlace: "copies the source's slices into the slices of {T} that the index names")) { arguments in
            .tensor(try Autodiff.indexCopy(try arguments.tensor("input"), dim: try arguments.int("dim"), index: try arguments.tensor("index"),
                                           source: try arguments.tensor("source")))
        },
        OpEntry("scatter_reduce", "Tensor input, int dim, Tensor index, Tensor src, str reduce, *, bool include_self=True", writeForms, family: .indexing,
                explain: OpExplanation(.elementwise(words: "a copy of the input where each src value is combined (sum, prod, mean, amax or amin) into the element its index points at"),
                                       inPlace: "combines each src value into the element of {T} its index points at")) { arguments in
            .tensor(try Autodiff.scatterReduce(try arguments.tensor("input"), dim: try arguments.int("dim"), index: try arguments.tensor("index"),
                                               source: try arguments.tensor("src"), reduction: try IndexReduction(scatterName: try arguments.string("reduce")),
                                               includeSelf: try arguments.bool("include_self")))
        },
        OpEntry("index_reduce", "Tensor input, int dim, Tensor index, Tensor source, str reduce, *, bool include_self=True", writeForms, family: .indexing,
                explain: OpExplanation(.elementwise(words: "a copy of the input where the source's slices are combined (prod, mean, amax or amin) into the slices along dim that index names"),
                                       inPlace: "combines the source's slices into the slices of {T} that the index names")) { arguments in
            let reduction = try IndexReduction(indexName: try arguments.string("reduce"))
            return .tensor(try Autodiff.indexReduce(try arguments.tensor("input"), dim: try arguments.int("dim"), index: try arguments.tensor("index"),
                                                    source: try arguments.tensor("source"), reduction: reduction, includeSelf: try arguments.bool("include_self")) {
                arguments.warnOnce("index_reduce() is in beta and the API may change at any time. (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/TensorAdvancedIndexing.cpp:1522.)")
            })
        },
        OpEntry("put", "Tensor input, Tensor index, Tensor source, bool accumulate=False", writeForms, family: .indexing,
                explain: OpExplanation(.elementwise(words: "a copy of the input, read as flat, with the source's values put at the flat positions in index"),
                                       inPlace: "puts the source's values at the flat positions of {T} in index")) { arguments in
            .tensor(try Autodiff.put(try arguments.tensor("input"), index: try arguments.tensor("index"), source: try arguments.tensor("source"),
                                     accumulate: try arguments.bool("accumulate")))
        },
        OpEntry("select_scatter", "Tensor input, Tensor src, int dim, int index", functionAndMethod, family: .indexing,
                explain: OpExplanation(.elementwise(words: "a copy of the input with the slice `select(dim, index)` replaced by src"))) { arguments in
            .tensor(try Autodiff.selectScatter(try arguments.tensor("input"), try arguments.tensor("src"), dim: try arguments.int("dim"),
                                               index: try arguments.int("index")))
        },
        OpEntry("slice_scatter", "Tensor input, Tensor src, int dim=0, int? start=None, int? end=None, int step=1", functionAndMethod, family: .indexing,
                explain: OpExplanation(.elementwise(words: "a copy of the input with the slice start:end:step along dim replaced by src"))) { arguments in
            .tensor(try Autodiff.sliceScatter(try arguments.tensor("input"), try arguments.tensor("src"), dim: try arguments.int("dim"),
                                              start: try arguments.optionalInt("start"), end: try arguments.optionalInt("end"), step: try arguments.int("step")))
        },
        OpEntry("diagonal_scatter", "Tensor input, Tensor src, int offset=0, int dim1=0, int dim2=1", functionAndMethod, family: .indexing,
                explain: OpExplanation(.elementwise(words: "a copy of the input with the diagonal (offset, dim1, dim2) replaced by src"))) { arguments in
            .tensor(try Autodiff.diagonalScatter(try arguments.tensor("input"), try arguments.tensor("src"), offset: try arguments.int("offset"),
                                                 dim1: try arguments.int("dim1"), dim2: try arguments.int("dim2")))
        },
    ]
}
