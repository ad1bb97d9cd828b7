/// A read-only walk over a tensor's elements for printing: `self[i]` narrows to one
/// sub-tensor without copying, the way PyTorch's printer indexes its tensor.
struct PrintCursor {
    let tensor: Tensor
    let shape: ArraySlice<Int>
    let strides: ArraySlice<Int>
    let offset: Int

    init(_ tensor: Tensor) {
        self.tensor = tensor
        shape = tensor.shape[...]
        strides = tensor.strides[...]
        offset = tensor.storageOffset
    }

    private init(tensor: Tensor, shape: ArraySlice<Int>, strides: ArraySlice<Int>, offset: Int) {
        self.tensor = tensor
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }

    var rank: Int { shape.count }
    var length: Int { shape.first ?? 1 }

    /// The sub-tensor at `index` along the first dimension.
    subscript(index: Int) -> PrintCursor {
        PrintCursor(tensor: tensor, shape: shape.dropFirst(), strides: strides.dropFirst(),
                    offset: offset + index * strides.first!)
    }

    /// The single element of a 0-d cursor.
    var item: Scalar { tensor.scalar(atStorageOffset: offset) }

    /// The elements of a 1-d cursor at `indices`.
    func items<Indices: Sequence<Int>>(_ indices: Indices) -> [Scalar] {
        indices.map { tensor.scalar(atStorageOffset: offset + $0 * strides.first!) }
    }
}

/// The indices PyTorch prints along one dimension: all of them, or the edge items at each
/// end with a gap marked between them.
struct PrintedIndices {
    let head: Range<Int>
    let tail: Range<Int>
    let skipsMiddle: Bool

    init(length: Int, summarize: Bool, edgeItems: Int) {
        skipsMiddle = summarize && length > 2 * edgeItems
        if skipsMiddle {
            head = 0..<edgeItems
            tail = (length - edgeItems)..<length
        } else {
            head = 0..<length
            tail = length..<length
        }
    }
}

/// Port of `get_summarized_data`: the elements the formatter must measure. Python's
/// `self[-0:]` is the whole vector, so with zero edge items a vector keeps everything
/// while higher dimensions keep nothing.
func summarizedValues(_ cursor: PrintCursor, edgeItems: Int) -> [Scalar] {
    switch cursor.rank {
    case 0:
        return [cursor.item]
    case 1:
        let length = cursor.length
        if length > 2 * edgeItems && edgeItems > 0 {
            return cursor.items(0..<edgeItems) + cursor.items((length - edgeItems)..<length)
        }
        return cursor.items(0..<length)
    default:
        if edgeItems == 0 { return [] }
        let indices = PrintedIndices(length: cursor.length, summarize: true, edgeItems: edgeItems)
        return (Array(indices.head) + Array(indices.tail)).flatMap {
            summarizedValues(cursor[$0], edgeItems: edgeItems)
        }
    }
}

/// Every element of the cursor, row-major.
func allValues(_ cursor: PrintCursor) -> [Scalar] {
    switch cursor.rank {
    case 0: return [cursor.item]
    case 1: return cursor.items(0..<cursor.length)
    default: return (0..<cursor.length).flatMap { allValues(cursor[$0]) }
    }
}

/// Port of `_tensor_str_with_formatter` and `_vector_str`: the bracketed body of a repr.
struct TensorTextLayout {
    let formatter: ElementFormatter
    let summarize: Bool
    let options: PrintOptions

    func text(_ cursor: PrintCursor, indent: Int) -> String {
        switch cursor.rank {
        case 0: return formatter.format(cursor.item)
        case 1: return vectorText(cursor, indent: indent)
        default: return blockText(cursor, indent: indent)
        }
    }

    private func blockText(_ cursor: PrintCursor, indent: Int) -> String {
        let indices = PrintedIndices(length: cursor.length, summarize: summarize, edgeItems: options.edgeItems)
        var slices = indices.head.map { text(cursor[$0], indent: indent + 1) }
        if indices.skipsMiddle {
            slices.append("...")
            slices += indices.tail.map { text(cursor[$0], indent: indent + 1) }
        }
        // One blank line between blocks per dimension beyond the second.
        let separator = "," + String(repeating: "\n", count: cursor.rank - 1) + String(repeating: " ", count: indent + 1)
        return "[" + slices.joined(separator: separator) + "]"
    }

    private func vectorText(_ cursor: PrintCursor, indent: Int) -> String {
        let length = cursor.length
        var items: [String]
        if summarize && options.edgeItems == 0 {
            items = ["..."]
        } else if summarize && length > 2 * options.edgeItems {
            items = cursor.items(0..<options.edgeItems).map(formatter.format)
            items.append(" ...")
            items += cursor.items((length - options.edgeItems)..<length).map(formatter.format)
        } else {
            items = cursor.items(0..<length).map(formatter.format)
        }
        let itemsPerLine = itemsPerLine(indent: indent)
        let lines = stride(from: 0, to: items.count, by: itemsPerLine).map {
            items[$0..<min($0 + itemsPerLine, items.count)].joined(separator: ", ")
        }
        return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
    }

    /// Each item takes its width plus ", ". Python floors the quotient, even when negative.
    private func itemsPerLine(indent: Int) -> Int {
        let room = options.lineWidth - indent
        let itemLength = formatter.width + 2
        let perLine = room >= 0 ? room / itemLength : -((-room + itemLength - 1) / itemLength)
        return max(1, perLine)
    }
}
