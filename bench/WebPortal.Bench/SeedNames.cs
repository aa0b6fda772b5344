namespace WebPortal.Bench;

/// <summary>
/// The names seeded users get: mostly Flemish first and last names, some French, Turkish, Moroccan and Polish ones,
/// a few in Cyrillic, Arabic, Greek and Chinese script (with the Latin handle their e-mail address uses), and a handful
/// that try to smuggle HTML into the admin pages.
/// </summary>
internal static class SeedNames
{
    public static readonly string[] FirstNames =
    [
        "An", "Anna", "Anke", "Ann", "Annelies", "Annick", "Astrid", "Axelle", "Bieke", "Charlotte", "Chloé", "Clara",
        "Dorien", "Elien", "Elise", "Ellen", "Els", "Emma", "Eline", "Eva", "Evi", "Fien", "Femke", "Hanne", "Heidi",
        "Ilse", "Inge", "Jana", "Janne", "Jolien", "Julie", "Karen", "Katrien", "Kim", "Laura", "Lien", "Lieselot",
        "Lisa", "Lore", "Lotte", "Louise", "Marie", "Marijke", "Mieke", "Nathalie", "Nele", "Nina", "Noor", "Olivia",
        "Roos", "Sara", "Sofie", "Stefanie", "Tine", "Tinne", "Veerle", "Wendy", "Zoë", "Anaïs", "Renée", "Mélanie",
        "Arne", "Bart", "Ben", "Bert", "Bram", "Brecht", "Dries", "Dirk", "Eli", "Elias", "Filip", "Frederik", "Geert",
        "Gert", "Gilles", "Hannes", "Hendrik", "Jan", "Jannes", "Jens", "Jeroen", "Jonas", "Joris", "Jef", "Karel",
        "Kevin", "Koen", "Kris", "Lars", "Lander", "Liam", "Louis", "Lucas", "Luc", "Maarten", "Marc", "Mathias",
        "Michiel", "Nico", "Noah", "Pieter", "Pieter-Jan", "Robbe", "Ruben", "Seppe", "Sam", "Senne", "Simon",
        "Steven", "Stijn", "Thomas", "Tom", "Tim", "Toon", "Vincent", "Warre", "Wim", "Wout", "Xander", "Yannick",
        "Jules", "Rémi", "André", "Mohamed", "Yasmina", "Emre", "Elif", "Fatima", "Karim", "Piotr", "Agnieszka",
    ];

    public static readonly string[] LastNames =
    [
        "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
        "Dubois", "Lambert", "Dupont", "Hermans", "Aerts", "Pauwels", "Martens", "Vermeulen", "Van den Broeck",
        "Michiels", "Leclercq", "Desmet", "De Clercq", "Dumont", "Van Damme", "Cools", "Segers", "Claeys", "Verhoeven",
        "Smets", "Van de Velde", "Stevens", "Verstraete", "Declercq", "Hendrickx", "Lemmens", "Van Dyck",
        "Vandenberghe", "Coppens", "Bogaert", "Goris", "De Backer", "Verbruggen", "De Vos", "Van Acker", "Van Hoof",
        "Verlinden", "Thys", "Timmermans", "Vos", "Wuyts", "Baert", "Geerts", "Dewulf", "Van Looy", "D'Hondt",
        "Vanhove", "De Coninck", "Van Hecke", "Coenen", "Devos", "Mattheeuws", "Van Gucht", "Verschueren", "De Wilde",
        "Bosmans", "Moens", "Van Laere", "Lauwers", "Schepers", "Dierckx", "Nys", "Van Aken", "Vandamme", "Hoste",
        "Lenaerts", "Vanderstraeten", "De Meyer", "Van Steen", "Sels", "Ceulemans", "Van Camp", "Huybrechts",
        "Gevaert", "Mahieu", "Van Rompaey", "Geysels", "Bracke", "Vlaeminck", "El Amrani", "Benali", "Bakkali",
        "Haddou", "Yılmaz", "Öztürk", "Kowalski", "Nowak", "Nguyen", "Müller",
    ];

    /// <summary>Full names in other scripts, each with the Latin handle of the person's e-mail address.</summary>
    public static readonly (string Name, string Handle)[] OtherScripts =
    [
        ("Олена Коваленко", "olena.kovalenko"),
        ("Дмитро Шевченко", "dmytro.shevchenko"),
        ("Андрій Бондаренко", "andrii.bondarenko"),
        ("Марія Іванова", "mariia.ivanova"),
        ("Ірина Мельник", "iryna.melnyk"),
        ("Сергей Петров", "sergei.petrov"),
        ("محمد العلوي", "mohamed.alaoui"),
        ("فاطمة الإدريسي", "fatima.idrissi"),
        ("يوسف بنعلي", "youssef.benali"),
        ("مريم حداد", "meryem.haddad"),
        ("Γιώργος Παπαδόπουλος", "giorgos.papadopoulos"),
        ("Ελένη Νικολάου", "eleni.nikolaou"),
        ("Νίκος Γεωργίου", "nikos.georgiou"),
        ("王芳", "wang.fang"),
        ("李伟", "li.wei"),
        ("张敏", "zhang.min"),
        ("陈静", "chen.jing"),
    ];

    /// <summary>Names a page must encode, never render: one in about 5,000 users.</summary>
    public static readonly string[] Suspicious =
    [
        "Jef <script>alert('x')</script> Peeters",
        "Tom \"><img src=x onerror=alert(1)> De Smet",
        "Lotte & Co <b>Maes</b>",
        "Sofie O'Neill",
    ];

    public static readonly string[] MailDomains =
    [
        "telenet.be", "telenet.be", "skynet.be", "proximus.be", "gmail.com", "gmail.com", "gmail.com", "hotmail.com",
        "outlook.com", "outlook.be", "icloud.com", "sintjozef.be", "ksleuven.be", "go-atheneum.be", "student.kuleuven.be",
        "ugent.be", "klasse.be", "scarlet.be",
    ];
}
