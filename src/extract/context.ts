/**
 * The words around a number that decide what it is: a year, a name, a
 * count of a noun, a hedged figure.
 */

/** Words after which a four-digit number is a year (`en 2025`, `d’ici 2027`), even before a noun. */
export const YEAR_INTRO = new Set(["en", "de", "d", "depuis", "dès", "à", "a", "fin", "début", "mi", "année", "an", "avant", "après", "pour", "jusqu", "ici", "horizon", "entre", "et", "vers", "ou", "l'an", "du", "au", "exercice", "budget", "courant", "printemps", "été", "automne", "hiver", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre", "ans", "années", "cours", "par", "contre", "sur", "que", "qu"]);
/** Function words that may follow a bare number without making it a count of a noun (`20,5 en paiements`). */
export const FOLLOW_OK = new Set(["en", "pour", "l", "le", "la", "les", "au", "aux", "à", "a", "dans", "sur", "lors", "un", "une", "il", "elle", "ils", "elles", "par", "et", "ou", "contre", "selon", "après", "avant", "depuis", "fin", "début", "seulement", "environ", "respectivement", "cette", "ce", "cet", "ces", "soit", "dont", "alors", "auparavant", "précédemment", "hier", "cela", "ceci", "sont", "est", "ont", "avait", "était", "sera", "seront", "fait", "pourrait", "devrait", "qui", "que", "qu", "y", "cf", "chacun", "chacune", "chaque", "tandis", "mais", "puis", "pendant", "durant", "entre", "vers", "même", "près", "plus", "moins"]);
/** Words after which a number names or points at something (`article 12`, `phase 2`). */
export const LABEL_WORDS = new Set(["article", "articles", "art", "paragraphe", "paragraphes", "alinéa", "alinéas", "annexe", "annexes", "chapitre", "chapitres", "section", "sections", "titre", "page", "pages", "p", "pp", "n", "no", "nº", "numéro", "numéros", "règlement", "directive", "décret", "loi", "arrêté", "tableau", "figure", "graphique", "phase", "niveau", "volet", "pilier", "axe", "lot", "étape", "catégorie", "classe", "version", "tome", "note", "notes", "point", "points", "objectif", "objectifs", "priorité", "mesure", "mesures", "action", "actions", "programme", "rue", "avenue", "boulevard", "chaussée", "place", "route", "ligne", "lignes", "salle", "bus", "tram", "autoroute", "zone", "zones", "cop", "com", "sec", "ue", "ce", "cee", "rubrique", "rubriques", "objet", "objets", "motion", "postulat", "interpellation"]);
/** Adjectives between a label word and its number (`route cantonale 251`). */
export const LABEL_ADJECTIVES = new Set(["cantonale", "cantonal", "nationale", "national", "départementale", "départemental", "communale", "communal", "régionale", "régional", "européenne", "européen", "fédérale", "fédéral", "parlementaire"]);
/** Street words after `16,` that make the number an address (`au 16, rue de la Loi`). */
export const STREET_WORDS = new Set(["rue", "avenue", "av", "boulevard", "bd", "place", "chaussée", "quai", "chemin", "route", "allée", "impasse", "square", "cours"]);
/** Capitalised words that may stand before a figure without making it a name (`En 2025`, `Les 300`). */
export const CAPITAL_STOP = new Set(["en", "dès", "depuis", "entre", "de", "du", "des", "les", "le", "la", "l", "au", "aux", "sur", "pour", "avec", "environ", "quelque", "quelques", "fin", "début", "mi", "selon", "soit", "et", "ou", "contre", "avant", "après", "vers", "dans", "par", "chez", "sous", "ces", "ses", "nos", "vos", "leurs", "seuls", "seules", "seulement", "plus", "moins", "presque", "quasiment", "près", "total", "dont", "hors", "via", "outre", "parmi", "lors", "durant", "pendant", "cette", "ce", "cet", "il", "elle", "ils", "elles", "on", "nous", "vous", "mais", "ainsi", "enfin", "désormais", "déjà", "encore", "voici", "tous", "toutes", "chaque", "ici", "jusqu", "d", "à", "a", "pas", "près", "exactement", "précisément", "respectivement", "mes", "tes", "sa", "son", "leur", "notre", "votre", "un", "une", "or", "donc", "car", "puis", "aussi", "cependant", "toutefois", "néanmoins", "pourtant", "aujourd", "hier", "demain", "ensuite", "quant", "alors", "même", "seul", "seule"]);
/** Words before `neuf` that make it the number nine rather than the adjective new. */
export const DETERMINERS = new Set(["les", "des", "ces", "ses", "nos", "vos", "leurs", "de", "d", "à", "sur", "et", "ou", "pour", "en", "avec", "dont", "par", "entre", "que", "qu", "aux", "mes", "tes", "soit", "environ", "quelque", "moins", "plus"]);
/** What may join two numbers of one range or list (`10 à 15 %`, `10-15 %`). */
export const CONNECTORS = new Set(["à", "a", "et", "ou", "-", "/", ","]);
/** Letters glued to a number that make it an ordinal (`1er`, `3e`, `2nd`). */
export const ORDINAL_SUFFIXES = new Set(["er", "re", "ère", "e", "è", "ème", "eme", "nd", "nde", "d", "de", "ers", "res", "es", "èmes", "ᵉ", "ᵉʳ", "ʳᵉ", "ᵉʳᵉ", "ᵈ"]);
/** Hedges before a figure (`près de`, `environ`), on lower-cased text with straight apostrophes. A bound is not a hedge. */
export const HEDGE_BEFORE =
  /(?:^|[\s(,;:])(?:(?:près|aux alentours|de l'ordre)(?: de| d'| des| du)|(?<!articule |articulent |articulera )autour(?: de| d'| des| du)|(?:d'environ|environ|quelque|approximativement|quasiment|presque|pratiquement|grosso modo|à peine|quasi|env\.)|~|≈)\s?$/u;
/** Hedges after a figure (`12 millions environ`). */
export const HEDGE_AFTER = /^[\s\u00a0\u202f]*(?:environ|à peu près)(?![\p{L}])/u;
/** Bounds before a figure, on lower-cased text with straight apostrophes, after an elided word too (“d’au moins 3 %”): which way each points. */
export const BOUND_BEFORE: ReadonlyArray<readonly [RegExp, "more-than" | "at-least" | "less-than" | "up-to"]> = [
  [/(?:^|[\s(,;:'])(?:pas moins|au bas mot)(?: de| d'| des| du)\s?$|(?:^|[\s(,;:'])(?:au moins|au minimum|minimum|≥)\s?$/u, "at-least"],
  [/(?:^|[\s(,;:'])(?:pas plus)(?: de| d'| des| du)\s?$|(?:^|[\s(,;:'])(?:jusqu'à|jusqu'au|jusqu'aux|au plus|au maximum|maximum|≤)\s?$/u, "up-to"],
  [/(?:^|[\s(,;:'])(?:(?:un peu |bien |nettement )?plus|au-delà|au delà)(?: de| d'| des| du)\s?$|(?:^|[\s(,;:'])(?:supérieure?s? (?:à|au|aux)|>)\s?$/u, "more-than"],
  [/(?:^|[\s(,;:'])(?:(?:un peu |bien |nettement )?moins)(?: de| d'| des| du)\s?$|(?:^|[\s(,;:'])(?:inférieure?s? (?:à|au|aux)|sous la barre (?:de|d'|des|du)|<)\s?$/u, "less-than"],
];
/** Bounds after a figure (`12 millions au moins`, `18 ans et plus`). */
export const BOUND_AFTER: ReadonlyArray<readonly [RegExp, "more-than" | "at-least" | "less-than" | "up-to"]> = [
  [/^[\s\u00a0\u202f]*(?:au moins|au minimum|ou plus|et plus)(?![\p{L}])/u, "at-least"],
  [/^[\s\u00a0\u202f]*(?:au plus|au maximum|ou moins)(?![\p{L}])/u, "up-to"],
];
/**
 * Nouns of money after a scale word and `de` (`310 millions d’économies`, `1,2 milliard
 * d’investissements`): the amount is in the currency the text names elsewhere, as a bare
 * `millions` is. A noun of anything else (`de passagers`, `d’habitants`) keeps it a count.
 */
export const MONEY_NOUNS = new Set([
  "économie", "économies", "investissement", "investissements", "recette", "recettes", "dépense", "dépenses",
  "crédit", "crédits", "subside", "subsides", "subvention", "subventions", "aide", "aides", "perte", "pertes",
  "dette", "dettes", "bénéfice", "bénéfices", "revenus", "financement", "financements", "dotation", "dotations",
  "engagement", "engagements", "paiement", "paiements", "impôt", "impôts", "taxes", "amende", "amendes",
  "coupe", "coupes", "surcoût", "surcoûts", "déficit", "déficits", "excédent", "excédents", "charges",
]);
