# The French lexicon's hand-written source. Run `python3 fr_lexicon_source.py > src/Herald/Sentiment/Lexicons/fr.tsv`.
# Valences on VADER's scale (-4..+4), written by hand for frequent French sentiment words (many are translations of
# VADER entries for the same English words; slang and tweet usage added from general knowledge, not from the dev sets).
# Pattern after the valence: how the word inflects: e (+e +s +es), x (x→se ses), f (f→ve ves), al (aux ale ales),
# n (+ne +s +nes), el (+le +s +les), s (+s), v (verb, forms listed), - (invariable).
import sys
ADJ = """
bon 1.9 n|meilleur 2.2 e|excellent 3.0 e|génial 3.1 al|super 2.9 -|top 2.5 s|parfait 3.0 e|magnifique 3.0 s|formidable 3.0 s
superbe 3.0 s|merveilleux 3.2 x|fantastique 3.1 s|incroyable 2.4 s|extraordinaire 2.8 s|sublime 3.0 s|splendide 3.0 s|beau 2.5 -
belle 2.5 s|beaux 2.5 -|bel 2.5 -|joli 2.0 e|mignon 2.0 n|heureux 2.7 x|content 2.2 e|ravi 2.6 e|satisfait 2.0 e|fier 2.2 -
fière 2.2 s|fiers 2.2 -|enchanté 2.4 e|agréable 2.2 s|sympa 2.0 s|sympathique 2.0 s|gentil 2.0 -|gentille 2.0 s|gentils 2.0 -
aimable 2.0 s|chaleureux 2.2 x|drôle 1.8 s|marrant 1.8 e|amusant 1.8 e|intéressant 1.7 e|passionnant 2.4 e|efficace 1.9 s
utile 1.6 s|pratique 1.4 s|facile 1.3 s|rapide 1.2 s|propre 1.2 s|délicieux 3.0 x|savoureux 2.6 x|bienveillant 2.0 e
impressionnant 2.5 e|remarquable 2.5 s|brillant 2.5 e|talentueux 2.4 x|doué 2.0 e|charmant 2.4 e|adorable 2.8 s
exceptionnel 3.0 el|idéal 2.5 al|positif 1.8 f|optimiste 1.8 s|prometteur 2.0 -|prometteuse 2.0 s|prometteurs 2.0 -|encourageant 2.0 e
réussi 2.2 e|gagnant 2.0 e|victorieux 2.3 x|libre 1.4 s|sûr 1.3 e|fiable 1.9 s|solide 1.3 s|durable 1.0 s|propice 1.2 s
sain 1.5 e|beau 2.5 -|cool 1.8 s|stylé 1.8 e|chouette 2.2 s|kiffant 2.2 e|ouf 1.5 s|dingue 1.0 s|trop_bien 2.5 -
reconnaissant 2.2 e|touchant 2.0 e|émouvant 1.8 e|paisible 1.8 s|calme 1.2 s|serein 1.8 e|confortable 1.8 s|abordable 1.2 s
gratuit 1.0 e|nouveau 0.6 -|innovant 1.6 e|ingénieux 2.0 x|intelligent 2.0 e|malin 1.4 -|fun 2.0 -|bluffant 2.4 e|nickel 2.3 -
mauvais -2.5 -|mauvaise -2.5 s|pire -3.1 s|nul -2.8 -|nulle -2.8 s|nuls -2.8 -|horrible -3.0 s|affreux -2.9 x|atroce -3.2 s
terrible -2.1 s|épouvantable -3.0 s|lamentable -2.7 s|pitoyable -2.6 s|minable -2.6 s|médiocre -2.0 s|décevant -2.3 e|déçu -2.3 e
triste -2.1 s|malheureux -2.3 x|mécontent -2.2 e|furieux -2.9 x|fâché -2.1 e|énervé -2.1 e|agacé -1.9 e|inquiet -1.8 -|inquiète -1.8 s
inquiets -1.8 -|inquiétant -2.0 e|effrayant -2.5 e|dangereux -2.2 x|grave -1.8 s|dramatique -2.2 s|catastrophique -3.0 s
désastreux -3.0 x|honteux -2.5 x|scandaleux -2.7 x|inadmissible -2.7 s|inacceptable -2.6 s|insupportable -2.7 s|pénible -2.0 s
chiant -2.3 e|ennuyeux -1.9 x|lourd -1.0 e|lent -1.4 e|cher -0.8 e|coûteux -1.2 x|inutile -1.9 s|sale -1.9 s|moche -2.2 s
laid -2.1 e|dégoûtant -2.9 e|dégueulasse -3.0 s|dégueu -2.8 s|stupide -2.4 s|idiot -2.3 e|con -2.5 s|conne -2.5 s|débile -2.5 s
bête -1.6 s|ridicule -2.0 s|absurde -1.8 s|faux -1.6 -|fausse -1.6 s|mensonger -2.0 -|injuste -2.3 s|cruel -2.7 el|violent -2.5 e
méchant -2.3 e|agressif -2.3 f|toxique -2.5 s|polluant -1.9 e|pollué -2.1 e|mort -2.4 e|malade -1.9 s|blessé -2.0 e|cassé -1.8 e
défectueux -2.3 x|abîmé -1.8 e|raté -2.2 e|perdu -1.5 e|fatigué -1.5 e|épuisé -1.8 e|seul -1.0 e|vide -1.0 s|faible -1.3 s
incompétent -2.5 e|négatif -1.8 f|pessimiste -1.8 s|froid -0.6 e|compliqué -1.4 e|difficile -1.4 s|impossible -1.5 s
inquiétante -2.0 s|irresponsable -2.3 s|catastrophé -2.5 e|choqué -2.0 e|choquant -2.4 e|révoltant -2.8 e|ignoble -3.0 s
immonde -3.0 s|insuffisant -1.7 e|dérisoire -1.5 s|hypocrite -2.2 s|corrompu -2.5 e|menteur -2.4 -|menteuse -2.4 s|menteurs -2.4 -
foutu -2.2 e|pourri -2.8 e|naze -2.3 s|merdique -3.0 s|relou -2.0 s|galère -2.0 s|crevé -1.5 e|flippant -1.8 e|bizarre -0.8 s
"""
VERB = """
aimer 2.2 aime aimes aiment aimé aimée aimés aimons aimez aimais aimait aimer aimerais aimera
adorer 3.0 adore adores adorent adoré adorée adorons adorez adorais adorait adorer
apprécier 2.0 apprécie apprécies apprécient apprécié appréciée apprécions appréciez apprécier
kiffer 2.4 kiffe kiffes kiffent kiffé kif kiff
recommander 1.8 recommande recommandé recommandée recommandons recommandez recommander
remercier 2.0 remercie remercions remercier remerciements
féliciter 2.5 félicite félicitons félicitations félicitation félicité
réussir 2.0 réussit réussissent réussite réussites réussir
gagner 1.8 gagne gagné gagnée gagnons gagner
bravo 2.8 bravo chapeau
merci 1.8 merci mercii
sourire 1.8 sourire sourires souris sourit
rire 1.6 rire rires rigoler rigole mdr lol ptdr haha hahaha
profiter 1.4 profite profitez profiter
soutenir 1.4 soutien soutiens soutient soutenir soutenons
protéger 1.4 protège protéger protégé protection protéger
améliorer 1.6 améliore améliorer amélioré améliorée amélioration améliorations
sauver 1.8 sauve sauver sauvé sauvée sauvons sauvetage
détester -3.0 déteste détestes détestent détesté détestée détester
haïr -3.2 hais hait haïr haine
regretter -1.8 regrette regrettes regretté regrettable regrets regret
décevoir -2.3 déçoit déception déceptions décevoir
énerver -2.0 énerve énervent énerver
souffrir -2.3 souffre souffrent souffert souffrance souffrances souffrir
pleurer -2.0 pleure pleurent pleurer pleurs
tuer -3.0 tue tuent tué tuée tués tuer
détruire -2.7 détruit détruisent détruire destruction détruite détruits
polluer -2.0 pollue polluent polluer pollution pollutions
menacer -2.0 menace menaces menacé menacée menacés menacer
mentir -2.3 ment mentent mentir mensonge mensonges
craindre -1.8 crains craint craignent craindre crainte craintes
râler -1.6 râle râler
plaindre -1.8 plainte plaintes plains plaint
rater -2.0 rate rater
perdre -1.6 perd perdent perdre perte pertes
échouer -2.2 échoue échouer échec échecs
arnaquer -3.0 arnaque arnaques arnaqué arnaquer escroquerie escroc
bloquer -1.2 bloque bloqué bloquée bloquer
ignorer -1.2 ignore ignorent ignorer
"""
NOUN = """
amour 3.0|joie 2.8|bonheur 3.0|plaisir 2.6|merveille 3.0|oeuvre 0.8|succès 2.6|victoire 2.6|réussite 2.4
espoir 2.0|confiance 1.8|paix 2.3|fête 2.0|cadeau 2.2|sourire 1.8|ami 1.8|amie 1.8|amis 1.8|amitié 2.4|génie 2.3|qualité 1.5
progrès 1.8|solution 1.3|solutions 1.3|avancée 1.6|bravo 2.8|félicitations 3.0|coeur 1.5|cœur 1.5|beauté 2.5|chance 1.8|gagnant 2.0
plaisirs 2.6|top 2.5|record 1.0|espoirs 2.0|soulagement 1.8|fierté 2.2|enthousiasme 2.2|bien-être 2.2|santé 1.2|innovation 1.4
problème -1.7|problèmes -1.7|souci -1.5|soucis -1.5|panne -2.0|pannes -2.0|bug -1.8|bugs -1.8|erreur -1.8|erreurs -1.8|retard -1.7
retards -1.7|arnaque -3.0|honte -2.5|colère -2.7|peur -2.2|rage -2.8|tristesse -2.4|douleur -2.4|mal -1.9|malheur -2.6|horreur -3.0
catastrophe -3.0|catastrophes -3.0|désastre -3.0|crise -2.0|danger -2.2|dangers -2.2|risque -1.4|risques -1.4|mort -2.4|morts -2.4
guerre -2.8|attentat -3.2|violence -2.8|victime -2.2|victimes -2.2|drame -2.5|scandale -2.6|fiasco -2.8|bordel -2.2|merde -2.8
daube -2.6|enfer -2.8|cauchemar -2.7|nullité -2.7|poubelle -1.8|conflit -1.8|maladie -2.0|cancer -2.4|faillite -2.5|chômage -1.9
pauvreté -2.1|misère -2.6|injustice -2.5|corruption -2.5|fraude -2.6|vol -1.8|ennui -1.8|stress -1.8|fatigue -1.3|bruit -0.8
pollution -2.0|réchauffement -1.2|sécheresse -1.8|inondation -2.0|inondations -2.0|déchets -1.3|marée_noire -2.5|extinction -2.2
déforestation -2.0|menace -2.0|alerte -1.2|urgence -1.2|radioactivité -1.4|accident -2.1|incendie -2.0|incendies -2.0|raté -2.2
abus -2.2|mépris -2.4|galère -2.0|plainte -1.8|remboursement -0.8|attente -0.5|lenteur -1.5|dommage -1.8|hélas -1.8|malheureusement -1.9
"""
MISC = """
bien 1.3|mieux 1.6|bof -1.2|beurk -2.5|berk -2.5|ouf 1.0|hourra 2.5|youpi 2.8|génial 3.1|vive 1.8|vivement 1.0|enfin 0.8|oui 1.2
non -0.8|hélas -1.8|dommage -1.8|zut -1.6|mince -1.0|putain -1.5|wow 2.3|waouh 2.5|ouah 2.0|yes 1.7|bisous 2.2|bisou 2.2|câlin 2.2
grrr -1.8|pfff -1.6|pff -1.5|argh -1.8|snif -1.8|sniff -1.8|grâce 0.9|heureusement 1.6|malheureusement -1.9|gravement -1.8
favorable 1.5|défavorable -1.5|ok 0.9|vrai 0.8|bravo 2.8|top 2.5|coup_de_coeur 2.8|importe_quoi -2.0|pas_mal 1.4
nul_à_chier -3.5|à_chier -3.0|pas_terrible -1.8|pas_top -1.6|pas_génial -1.9|pas_fou -1.2|trop_cher -2.0
"""
out = []
def add(forms, v): out.append(("|".join(dict.fromkeys(f.replace("_", " ") for f in forms)), v))
def inflect(w, p):
    if p == "e": return [w, w+"e", w+"s", w+"es"]
    if p == "x": return [w, w[:-1]+"se", w[:-1]+"ses"]
    if p == "f": return [w, w[:-1]+"ve", w[:-1]+"ves", w+"s"]
    if p == "al": return [w, w[:-2]+"aux", w+"e", w+"es", w+"s"]
    if p == "n": return [w, w+"ne", w+"s", w+"nes"]
    if p == "el": return [w, w+"le", w+"s", w+"les"]
    if p == "s": return [w, w+"s"]
    return [w]
for item in "|".join(ADJ.split("\n")).split("|"):
    if not item.strip(): continue
    w, v, p = item.split()
    add(inflect(w, p), v)
for line in VERB.strip().split("\n"):
    parts = line.split(); add(parts[2:], parts[1])
for block in (NOUN, MISC):
    for item in "|".join(block.split("\n")).split("|"):
        if not item.strip(): continue
        w, v = item.split(); add([w], v)
print("# French lexicon, written by hand for Herald (see bench/Herald.Bench.Sentiment/tools/fr_lexicon_source.py). Forms separated by '|'.")
for forms, v in out: print(f"{forms}\t{v}")
