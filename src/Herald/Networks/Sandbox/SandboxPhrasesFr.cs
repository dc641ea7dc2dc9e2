namespace Herald.Networks.Sandbox;

/// <summary>French reply, quote and mention templates. {topic} is the post's first hashtag (only used when it has one).</summary>
internal static class SandboxPhrasesFr
{
    public static readonly SandboxPhrases Phrases = new(
        Positive:
        [
            "Génial, merci pour le partage !", "J'adore.", "Exactement ce qu'il me fallait aujourd'hui.", "Très bien dit.",
            "Je garde ça de côté.", "Ça fait plaisir à lire.", "Entièrement d'accord.", "Bravo, c'est mérité !",
            "Super intéressant, merci.", "Je partage avec mon équipe tout de suite.", "Ça mérite plus de visibilité.",
            "Enfin quelqu'un qui le dit !", "Top, comme d'habitude.", "Merci pour ce fil, j'ai appris plein de choses.",
            "C'est exactement ça.", "Magnifique travail.", "Trop bien !", "Quelle belle initiative.", "Chapeau.",
            "Vous êtes au top.", "Merci, c'est limpide.", "Je valide à 100 %.", "Continuez comme ça !",
            "Le meilleur post sur {topic} que j'ai lu depuis longtemps.", "Plus de contenu sur {topic} svp !",
            "Ravie de voir {topic} mis en avant.", "Je note pour mon prochain projet.", "Trop content pour vous !",
            "Pépite.", "Un grand merci pour votre transparence.", "Toujours un plaisir de vous lire.",
        ],
        Neutral:
        [
            "Intéressant. Vous avez une source ?", "Ça marche aussi sur mobile ?", "C'est disponible en France ?",
            "Il y a une version plus longue quelque part ?", "Combien de temps ça vous a pris ?", "Quels outils avez-vous utilisés ?",
            "Vous avez des chiffres ?", "C'est ouvert à tout le monde ?", "Où est-ce qu'on s'inscrit ?", "Ça dépend du contexte, non ?",
            "À voir sur la durée.", "Je lirai ça plus tard.", "Quelqu'un a testé ?", "C'est quoi la différence avec la version d'avant ?",
            "Ça veut dire quoi {topic} exactement ?", "Je découvre {topic}, par où commencer ?", "Vous recrutez ?",
            "Il y a un replay ?", "C'est payant ?", "Je me pose la question aussi.",
        ],
        Negative:
        [
            "Bof.", "Pas convaincu du tout.", "C'est du marketing, rien de plus.", "Toujours pas de réponse à mon ticket...",
            "L'appli plante encore ce matin.", "Réparez les bugs avant de faire des annonces.", "Quelle déception.",
            "Beaucoup trop cher pour ce que c'est.", "La dernière mise à jour a tout cassé chez moi.", "Le service client ne répond jamais.",
            "Je me désabonne.", "C'est trompeur.", "Franchement, vous pouvez mieux faire.", "Encore une annonce, toujours pas de réponse.",
            "Mauvaise idée.", "Personne n'a demandé ça.", "On attend toujours le remboursement.", "Ça ne marche pas chez moi.",
            "Les fans de {topic} devraient se calmer un peu.", "Assez avec {topic}.", "Sans intérêt.", "Pas terrible.",
            "Ça fait trois fois cette semaine que j'ai des problèmes.", "Lunaire.", "C'est n'importe quoi.",
        ],
        Quotes:
        [
            "À lire 👇", "Tout est dit.", "Bon résumé sur {topic}.", "Pas d'accord avec tout, mais intéressant.",
            "À partager sans modération.", "Ça dépend beaucoup de la taille de l'équipe, à mon avis.", "Très juste.",
            "Je mets ça de côté pour lundi.", "Important.", "Enfin !",
        ],
        Mentions:
        [
            "@{you} vous avez vu ça ?", "Merci @{you} pour vos posts, toujours utiles !", "@{you} un avis là-dessus ?",
            "Je recommande @{you} à tous ceux qui débutent.", "@{you} votre lien ne marche plus.", "@{you} petite question sur votre dernier post.",
            "@{you} on attend toujours votre réponse.", "@{you} une idée de collab, on en parle ?",
        ],
        PositiveEmoji: [" 👏", " 🔥", " ❤️", " 🙌", " ✨", " 😍", " 🎉", " 🥳"],
        NeutralEmoji: [" 🤔", " 👀"],
        NegativeEmoji: [" 🙄", " 😤", " 👎", " 😒"]);
}
