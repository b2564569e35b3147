"""Portuguese wording: replies as Brazilian and Portuguese senders receive them.

Sources (each example names its own):

* Google's Portuguese (pt-BR) table of Gmail's SMTP replies,
  https://knowledge.workspace.google.com/admin/support/troubleshooting/gmail-smtp-errors-and-codes?hl=pt-br
* Microsoft's Portuguese Outlook help on relaying errors, which quotes localised server
  replies: http://office.microsoft.com/pt-br/outlook-help/recebo-um-erro-550-553-ou-de-retransmissao-proibida-ao-enviar-emails-HA010080002.aspx
  (Brazil) and http://office.microsoft.com/pt-pt/outlook-help/resolucao-de-problemas-dos-erros-550-553-e-erros-de-proibicao-de-reencaminhamento-HA001112833.aspx
  (Portugal)
* GoDaddy's Portuguese help on bounces (its own servers' replies),
  http://ix-one.com/domainhostingFAQ/article/MS_27771.html

Portuguese words reach the reply text when a server localises its replies (qmail's rcpthosts
refusal translated by an ISP, Gmail's and Microsoft's localised notices).
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Retry, Rule, Verdict
from bouncekit.replies.rules.mta.common import LIMIT, MAILBOX, SENDER

RULES: tuple[Rule, ...] = (
    Rule(
        id="pt.relaying-denied",
        reason=Reason.NORELAYING,
        phrases=(
            "retransmissão negada",
            "retransmissao negada",
            "reencaminhamento negado",
            "não consta na minha lista de rcpthosts",
            "nao consta na minha lista de rcpthosts",
            "não faz parte da minha lista de anfitriões rcpt",
        ),
        examples=(
            # office.microsoft.com pt-br (Brazil)
            "550 nome@exemplo.com... Retransmissão Negada",
            "553 este domínio não consta na minha lista de rcpthosts autorizados (#5.7.1)",
            # office.microsoft.com pt-pt (Portugal)
            "550 <alguém@examplo.com>... Reencaminhamento Negado",
            "553 este domínio não faz parte da minha lista de anfitriões rcpt (#5.7.1)",
        ),
        summary="The server does not relay for you: it does not take mail for this domain, or "
        "you must log in to send through it.",
        priority=SENDER,
    ),
    Rule(
        id="pt.mailbox-full",
        reason=Reason.MAILBOXFULL,
        phrases=(
            "caixa de entrada do destinatário está sem espaço",
            "caixa de entrada do destinatario esta sem espaco",
            "caixa postal cheia",
            "caixa postal do destinatário está cheia",
            "caixa de correio cheia",
        ),
        examples=(
            # Gmail pt-BR table
            "452 4.2.2 A caixa de entrada do destinatário está sem espaço de armazenamento. "
            "Direcione o destinatário para Gerenciar arquivos do armazenamento no Google Drive.",
        ),
        summary="The recipient's mailbox is full.",
        priority=MAILBOX,
    ),
    Rule(
        id="pt.receiving-too-fast",
        reason=Reason.SPEEDING,
        phrases=(
            "está recebendo e-mails muito rápido",
            "esta recebendo e-mails muito rapido",
            "recebendo e-mails a uma taxa que impede",
        ),
        examples=(
            # Gmail pt-BR table
            "450 4.2.1 O usuário com quem você está tentando entrar em contato está recebendo "
            "e-mails muito rápido. Reenvie sua mensagem mais tarde. Se o usuário puder receber "
            "e-mails naquele momento, sua mensagem será entregue.",
            "450 4.2.1 O usuário com quem você está tentando entrar em contato está recebendo "
            "e-mails a uma taxa que impede a entrega de outras mensagens. Reenvie sua mensagem "
            "mais tarde.",
        ),
        summary="This one recipient is getting more mail than the provider lets through; it "
        "is a limit on the recipient, not a block on you.",
        owner=Owner.RECIPIENT,
        verdict=Verdict.RISKY,
        retry=Retry.LATER,
        priority=LIMIT,
    ),
    Rule(
        id="pt.server-unavailable",
        reason=Reason.SYSTEMERROR,
        phrases=(
            "servidor de e-mail rejeitou temporariamente",
            "servidor temporariamente indisponível",
            "servidor temporariamente indisponivel",
        ),
        examples=(
            # Gmail pt-BR table
            "451 4.3.0 O servidor de e-mail rejeitou temporariamente esta mensagem.",
            # GoDaddy's Portuguese help (IB101: its queue is busier than usual)
            "421 Servidor temporariamente indisponível. Tente novamente mais tarde. IB101",
        ),
        summary="The receiving server refused the message for now; it is on their side and "
        "a retry later goes through.",
        priority=MAILBOX - 1,
    ),
)
