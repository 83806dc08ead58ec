/// The words of social return a newcomer meets, each with a short explanation in plain Dutch. The page "Uitleg"
/// lists them; pages link to a word's anchor where it appears.
public enum Glossary {
    public struct Term: Sendable {
        public let anchor: String
        public let word: String
        public let explanation: String
    }

    public static let terms: [Term] = [
        Term(anchor: "social-return", word: "Social return (SROI)",
             explanation: "Een afspraak in een overheidsopdracht: de opdrachtnemer besteedt een deel van de opdrachtwaarde aan werk of scholing voor mensen met een afstand tot de arbeidsmarkt, of koopt in bij een sociale onderneming."),
        Term(anchor: "bouwblok", word: "Bouwblok",
             explanation: "Een manier om social return in te vullen, zoals een arbeidsovereenkomst, een leerwerkplek (BBL), een stage, een werkervaringsplek, scholing, jobcoaching of sociale inkoop. Elk bouwblok heeft een vaste waarde in euro's (de waarderingstabel van het beleid)."),
        Term(anchor: "doelgroep", word: "Doelgroep",
             explanation: "Voor wie het werk bedoeld is, bijvoorbeeld mensen met een WW- of bijstandsuitkering, jongeren zonder startkwalificatie of mensen uit het doelgroepregister. De doelgroep bepaalt de waarde van een plaatsing."),
        Term(anchor: "banenafspraak", word: "Banenafspraakbaan",
             explanation: "Een baan voor iemand uit het doelgroepregister van UWV (banenafspraak). Eén banenafspraakbaan is 25,5 verloonde uren per week; sroi telt ze uit de verloonde uren."),
        Term(anchor: "pso", word: "PSO-trede",
             explanation: "De Prestatieladder Socialer Ondernemen meet hoeveel mensen met een afstand tot de arbeidsmarkt een organisatie in dienst heeft: aspirant, trede 1, 2, 3 en 30+. Inkoop bij een hogere trede telt zwaarder."),
        Term(anchor: "art282", word: "Art. 2.82",
             explanation: "Artikel 2.82 van de Aanbestedingswet: een opdracht kan worden voorbehouden aan organisaties waar ten minste 30% van de medewerkers een afstand tot de arbeidsmarkt heeft. Inkoop bij zo'n organisatie telt het zwaarst."),
        Term(anchor: "ips", word: "IPS",
             explanation: "Individuele plaatsing en steun: begeleiding naar en op het werk voor mensen met psychische aandoeningen. Een plaatsing met IPS krijgt een bonus in de waardering."),
        Term(anchor: "draaideur", word: "Draaideur",
             explanation: "Iemand die binnen 24 maanden opnieuw wordt geplaatst nadat een eerdere plaatsing zonder duurzaam resultaat eindigde. sroi toont alleen dat het zo is, nooit waar iemand eerder werkte."),
        Term(anchor: "duurzaam", word: "Duurzame plaatsing",
             explanation: "Een plaatsing die na afloop doorloopt: een vast contract, werk bij de opdrachtgever of elders, of een opleiding. sroi kijkt ook of iemand na 6 en 12 maanden nog aan het werk is."),
        Term(anchor: "kleiner-dan-5", word: "< 5 en afgeschermd",
             explanation: "Om niemand herkenbaar te maken staan aantallen van 1 tot 4 personen als ‘< 5’; een aantal waaruit zo'n klein aantal af te leiden is, staat als ‘afgeschermd’."),
    ]
}
