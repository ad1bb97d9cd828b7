import Testing

/// `torch.utils.data`'s Subset and random_split, with a user Dataset and a shuffling
/// loader, against what PyTorch 2.15 printed for the same program.
@Suite("data subsets")
struct DataSubsetTests {
    @Test("Subset, random_split with a seeded generator, and loaders over user datasets")
    func subsetsMatchPyTorch() {
        let outcome = StdlibTests.run(#"""
        import torch
        from torch.utils.data import Dataset, DataLoader, RandomSampler, SequentialSampler, TensorDataset, Subset, random_split
        class DummyDataset(Dataset):
            def __init__(self, images, labels, trsf=None):
                assert len(images) == len(labels), "Data size error!"
                self.images = images
                self.labels = labels
                self.trsf = trsf
            def __len__(self):
                return len(self.images)
            def __getitem__(self, idx):
                image = self.images[idx]
                label = self.labels[idx]
                if self.trsf is not None:
                    image = self.trsf(image)
                return idx, image, label
        torch.manual_seed(0)
        ds = DummyDataset(torch.randn(10, 3), torch.arange(10), trsf=lambda t: t * 2)
        loader = DataLoader(ds, batch_size=4, shuffle=True, num_workers=0)
        for i, (idx, x, y) in enumerate(loader):
            print(i, idx.tolist(), x.shape, y.tolist())
        a, b = random_split(TensorDataset(torch.arange(10)), [7, 3], generator=torch.Generator().manual_seed(42))
        print(len(a), len(b), [int(a[i][0]) for i in range(3)])
        sub = Subset(ds, [1, 3, 5])
        print(len(sub), sub[1][0])
        dl = DataLoader(ds, batch_size=3, sampler=SequentialSampler(ds), drop_last=True)
        print(len(dl), [b[0].tolist() for b in dl])

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        0 [7, 9, 2, 6] torch.Size([4, 3]) [7, 9, 2, 6]
        1 [1, 8, 4, 0] torch.Size([4, 3]) [1, 8, 4, 0]
        2 [3, 5] torch.Size([2, 3]) [3, 5]
        7 3 [2, 6, 1]
        3 3
        3 [[0, 1, 2], [3, 4, 5], [6, 7, 8]]

        """#)
    }

    @Test("samplers iterate on their own, drawing from their generator= as PyTorch does")
    func samplersIterate() {
        let outcome = StdlibTests.run(#"""
        import torch
        from torch.utils.data import RandomSampler, SequentialSampler, DataLoader
        print(list(RandomSampler(range(5), generator=torch.Generator().manual_seed(1))))
        print(list(RandomSampler(range(7), generator=torch.Generator().manual_seed(3))), list(SequentialSampler(range(4))))
        torch.manual_seed(0)
        print(list(RandomSampler(range(6))), [i for i in RandomSampler(range(3))])
        g = torch.Generator().manual_seed(5)
        dl = DataLoader(list(range(8)), batch_size=3, sampler=RandomSampler(range(8), generator=g))
        print([b.tolist() for b in dl])
        print(list(RandomSampler(range(3), generator=None)) is not None)

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        [0, 4, 2, 3, 1]
        [5, 3, 4, 6, 0, 2, 1] [0, 1, 2, 3]
        [0, 1, 2, 3, 5, 4] [0, 2, 1]
        [[3, 6, 0], [2, 1, 4], [5, 7]]
        True

        """#)
    }
}
