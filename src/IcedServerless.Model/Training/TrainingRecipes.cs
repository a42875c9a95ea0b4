namespace IcedServerless.Model.Training;

/// <summary>The recipes of the released models.</summary>
public static class TrainingRecipes
{
    /// <summary>PneumoniaMNIST 28×28, normal vs pneumonia.</summary>
    public static TrainingRecipe PneumoniaMnist { get; } = new()
    {
        Id = "pneumoniamnist",
        ModelName = "pneumoniamnist-28",
        Description = "Paediatric chest X-ray, 28x28 grayscale: normal vs pneumonia. CKKS-evaluable (depth 5).",
        ClassNames = ["normal", "pneumonia"],
        InputSize = 28,
        Architecture = new CnnArchitecture(),
        Options = new TrainingOptions(),
        DataCard = new DataCard
        {
            Dataset = "PneumoniaMNIST (MedMNIST v2), 28x28",
            Description = "5,856 paediatric chest X-rays (ages 1-5, Guangzhou Women and Children's Medical Center), centre-cropped and resized to 28x28; source train split 9:1 into train/val, source test kept as test.",
            Source = "MedMNIST v2, from Kermany et al. (2018). This copy is a reconstruction from two partial public copies (varun19424/pneumonia_mnist@9361a718, aksufatih/snn-medmnist@5df79ab2); see data/pneumoniamnist/README.md.",
            License = "CC BY 4.0 (PneumoniaMNIST and the source images)",
            Citations =
            [
                "Yang, J., et al. MedMNIST v2 - A large-scale lightweight benchmark for 2D and 3D biomedical image classification. Scientific Data 10, 41 (2023).",
                "Kermany, D. S., et al. Identifying medical diagnoses and treatable diseases by image-based deep learning. Cell 172(5):1122-1131 (2018).",
            ],
            Caveats =
            [
                "Reconstructed file: the train order is not the official one; val/test are believed to be in the official order.",
                "Exact duplicates in the source data: 18 within train, 3 within test, 8 shared by train and val.",
                "Children aged 1-5 from one centre: performance on adults or other sites is unknown.",
                "The test split is known to be harder than validation (a shift between the source train and test sets).",
            ],
            ImagesInRepository = true,
            Location = "data/pneumoniamnist/pneumoniamnist_28.npz",
        },
    };

    /// <summary>COVID-19 / pneumonia / normal, 28×28.</summary>
    public static TrainingRecipe CovidCxr { get; } = new()
    {
        Id = "covid",
        ModelName = "covid-cxr-28",
        Description = "Chest X-ray, 28x28 grayscale: normal / non-COVID pneumonia / COVID-19. Research use only. CKKS-evaluable (depth 5).",
        ClassNames = ["normal", "pneumonia", "covid-19"],
        InputSize = 28,
        Architecture = new CnnArchitecture(),
        Options = new TrainingOptions { MaxEpochs = 80, Patience = 25 },
        DataCard = new DataCard
        {
            Dataset = "COVID-19 / pneumonia / normal chest X-rays (DarkCovidNet set), 28x28",
            Description = "1,124 images: 500 normal and 500 pneumonia (NIH ChestX-ray8), 124 COVID-19 (ieee8023 COVID-19 Image Data Collection); ITU-R 601 grayscale, centre square crop, box resize; split by patient 70/15/15.",
            Source = "muhammedtalo/COVID-19@ee3e2cff (X-Ray Image DataSet/); COVID-19 metadata from ieee8023/covid-chestxray-dataset (fork hida6@584034aa); see data/covid-cxr/DATACARD.md.",
            License = "Mixed: NIH ChestX-ray8 images unrestricted (attribution requested); COVID-19 images CC BY-NC-SA (29), CC BY-NC-ND (10), unstated (85). Research / non-commercial use only; images not redistributed here.",
            Citations =
            [
                "Ozturk, T., et al. Automated detection of COVID-19 cases using deep neural networks with X-ray images. Computers in Biology and Medicine 121, 103792 (2020).",
                "Cohen, J. P., et al. COVID-19 Image Data Collection: Prospective Predictions Are the Future. arXiv:2006.11988 (2020).",
                "Wang, X., et al. ChestX-ray8: Hospital-scale Chest X-ray Database and Benchmarks. CVPR 2017.",
            ],
            Caveats =
            [
                "Source confounding: COVID-19 images come from publications and many hospitals, the other classes from one US archive; the model can learn the source rather than the disease.",
                "Small COVID-19 class (124 images, 82 patients; 17 in test): its metrics have wide confidence intervals.",
                "NIH labels were mined from reports and are noisy; 'pneumonia' means pneumonia in general.",
                "Some COVID-19 images carry arrows or text from their publications.",
                "Not a diagnostic device: for research on encrypted inference only.",
            ],
            ImagesInRepository = false,
            Location = "Not in the repository (licenses). Distributed as shared/data/covid_cxr_28.npz; see data/covid-cxr/DATACARD.md.",
        },
    };

    /// <summary>All recipes.</summary>
    public static IReadOnlyList<TrainingRecipe> All { get; } = [PneumoniaMnist, CovidCxr];

    /// <summary>The recipe with id <paramref name="id"/>.</summary>
    /// <param name="id">A recipe id.</param>
    /// <returns>The recipe.</returns>
    /// <exception cref="ArgumentException">No recipe has that id.</exception>
    public static TrainingRecipe Get(string id) =>
        All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown dataset '{id}'; known: {string.Join(", ", All.Select(r => r.Id))}.", nameof(id));
}
