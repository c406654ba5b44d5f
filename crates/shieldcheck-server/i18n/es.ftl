# shieldcheck public pages — Spanish

site-name = shieldcheck
site-tagline = Verifique si una persona que dice ser del "NYPD" realmente lo es.
skip-to-content = Ir al contenido principal
language-picker-label = Idioma
language-picker-submit = Cambiar idioma
nav-home = Inicio
nav-verify = Verificar a un agente
nav-precincts = Teléfonos de los precintos
emergency-banner = ¿Está en peligro ahora? Llame al 911.

home-title = ¿Esta persona es realmente del NYPD?
home-intro = Si alguien dice que es del NYPD, en su puerta, en la calle o por teléfono, usted puede verificar lo que le dijo. Es gratis y no tiene que dar su nombre.
home-verify-link = Verificar un nombre y un número de placa
home-precincts-link = Encontrar el número de teléfono real de un precinto
home-desk-advice = Para verificar por teléfono, llame usted mismo a la recepción del precinto, con un número de este sitio. Nunca use un número de teléfono o un enlace que le dé esa persona.

verify-title = Verificar a un agente
verify-intro = Escriba lo que la persona le dijo o le mostró. Complete lo que sepa y deje el resto en blanco.
verify-privacy = No guardamos lo que usted escribe aquí y no registramos quién es usted.
verify-submit = Verificar
field-name = Nombre
field-name-hint = Por ejemplo: Detective Ana Rivera
field-rank = Rango
field-rank-unknown = No sé
field-shield = Número de placa
field-shield-hint = El número que aparece en la placa (shield).
field-tax-registry = Número de registro fiscal (tax registry number)
field-tax-registry-hint = Los tenientes y los rangos más altos no tienen número de placa. Pídales su número de registro fiscal (tax registry number).
field-command = Precinto o unidad
field-command-hint = Por ejemplo: 34th Precinct, Midtown North, Transit District 4

rank-police-officer = Agente de Policía (Police Officer)
rank-detective = Detective
rank-sergeant = Sargento (Sergeant)
rank-lieutenant = Teniente (Lieutenant)
rank-captain = Capitán (Captain)
rank-deputy-inspector = Inspector Adjunto (Deputy Inspector)
rank-inspector = Inspector
rank-chief = Jefe (Chief)
rank-traffic-enforcement-agent = Agente de Control de Tránsito (Traffic Enforcement Agent)
rank-school-safety-agent = Agente de Seguridad Escolar (School Safety Agent)
rank-auxiliary-police = Policía Auxiliar (Auxiliary Police)

result-heading = Resultado
result-matches_active_member = Sí. Estos datos coinciden con un miembro activo del NYPD.
result-matches_active_member-detail = Los datos que escribió pertenecen a un miembro activo. Compárelos con la placa y la tarjeta de identificación de la persona. Si algo es diferente, o si todavía no se siente seguro, llame usted mismo a la recepción del precinto.
result-no_match = No. Estos datos no coinciden con ningún miembro activo del NYPD.
result-no_match-detail = Los datos que escribió no están en la lista de personal del NYPD. Es posible que la persona no sea del NYPD. No confíe en un número de teléfono o un enlace que le dé.
result-member_not_active = No. No es un miembro activo del NYPD.
result-member_not_active-detail = Los datos que escribió no pertenecen a un miembro que esté en servicio activo ahora.
result-unit_not_in_nypd = No. El NYPD no tiene esa unidad.
result-unit_not_in_nypd-detail = El NYPD no hace cumplir las leyes de inmigración y no tiene ninguna unidad de inmigración. Una persona que dice ser de una unidad así no es del NYPD.
result-insufficient = Necesitamos más datos para verificar.
result-insufficient-detail = Escriba el apellido de la persona y también su rango y número de placa, o bien su número de registro fiscal.

next-steps-heading = Qué hacer ahora
next-step-call_911 = Si está en peligro, llame al 911.
next-step-call_desk = Llame usted mismo a la recepción de { $command }:
next-step-call_311 = Para cualquier otra cosa, llame al 311.
next-step-precinct_list = Busque el teléfono de la recepción de cualquier precinto en nuestra lista de teléfonos de los precintos.
next-step-immigration = La policía nunca pregunta sobre el estatus migratorio a las víctimas, los testigos ni las personas que buscan ayuda.

precincts-title = Teléfonos de los precintos
precincts-intro = Estos son los números reales de la recepción de los precintos de patrulla del NYPD. Llame usted mismo a uno para verificar si un agente trabaja allí.
precincts-col-precinct = Precinto
precincts-col-address = Dirección
precincts-col-phone = Teléfono de la recepción
precincts-no-phone = Llame al 311

error-heading = Por favor, corrija esto
error-field_too_long = Esto es demasiado largo.
error-invalid_characters = Esto tiene caracteres que no podemos aceptar.
error-rate_limited = Hay demasiadas consultas en este momento. Espere un minuto y vuelva a intentarlo.
error-internal = Algo salió mal de nuestro lado. Vuelva a intentarlo o llame al 311.
not-found-title = Página no encontrada
not-found-body = Esta página no existe. Regrese a la página de inicio.

footer-eo41 = La policía nunca pregunta sobre su estatus migratorio a las víctimas, los testigos ni las personas que buscan ayuda (Orden Ejecutiva 41).
footer-no-tracking = Este sitio no rastrea lo que usted hace y no carga nada de ningún otro sitio web.

## Scanning an officer's credential on /verify
scan-heading = Escanee el código QR de un agente
scan-intro = Pídale al agente que le muestre el código QR de shieldcheck en el teléfono del agente. Luego apunte la cámara de su teléfono al código. La verificación se hace en su teléfono y funciona sin internet; lo que usted escanea no se envía a ningún lugar.
scan-start = Escanear un código QR
scan-stop = Apagar la cámara
scan-looking = Buscando un código QR…
scan-no-camera = No se pudo abrir la cámara. Permita el acceso a la cámara para esta página, o use el formulario de abajo.
scan-checking = Verificando…
scan-valid = VÁLIDA: es una credencial real del NYPD
scan-invalid = NO VÁLIDA: no confíe en lo que dice esta persona
scan-compare = Compare estos datos con lo que le dijeron y con la placa de metal de la persona. Si algo es diferente, no abra la puerta y llame a la recepción del precinto.
scan-call-desk = Para estar seguro, llame a la recepción de este precinto o unidad:
scan-precinct-list = Buscar los teléfonos reales de la recepción de los precintos
scan-status-as-of = Lista de credenciales anuladas actualizada el { $time }.
scan-again = Escanear otra vez
scan-field-name = Nombre
scan-field-rank = Rango
scan-field-number = Número de placa o de registro fiscal
scan-field-command = Precinto o unidad
scan-challenge-toggle = Pedirle al agente que escriba un código (una verificación más segura)
scan-challenge-show = Pídale al agente que escriba este código en su teléfono: { $code }
scan-reason-expired = La credencial está vencida.
scan-reason-not_yet_valid = La credencial todavía no es válida.
scan-reason-revoked = La credencial fue anulada.
scan-reason-suspended = La credencial está suspendida.
scan-reason-bad_signature = Este código no lo emitió el NYPD: es falso o fue modificado.
scan-reason-unknown_issuer_key = Este código no fue firmado con una clave en la que confía shieldcheck.
scan-reason-stale_presentation = Este código es viejo o es una copia. Un código real se crea en el momento en el teléfono del propio agente y cambia cada 30 segundos.
scan-reason-wrong_device = Este código no viene del teléfono para el que se emitió.
scan-reason-malformed = Esto no es una credencial de shieldcheck.
scan-reason-status_unavailable = No se pudo comprobar si la credencial fue anulada. Conéctese a internet una vez y vuelva a escanear.

## The officer's wallet on /officer
officer-title = Credencial de agente
officer-intro = Guarde su credencial de shieldcheck en este teléfono y muestre su código QR en vivo cuando un residente le pregunte quién es usted. La clave que la firma nunca sale de este teléfono.
officer-needs-js = La credencial de agente necesita JavaScript y un navegador actualizado.
officer-code-label = Código de registro de un solo uso
officer-code-hint = Se lo da la oficina de credenciales, por ejemplo K7QF-M2XD-9PRA.
officer-enrol = Registrar este teléfono
officer-enrolling = Registrando…
officer-error-invalid_enrolment_code = Ese código no es válido: puede estar mal escrito, ya usado o vencido. Pida uno nuevo a la oficina de credenciales.
officer-error-other = No se pudo registrar. Revise la conexión y vuelva a intentarlo.
officer-qr-alt = Código QR en vivo de su credencial
officer-refresh = El código cambia cada 30 segundos.
officer-expires = Válida hasta el { $date }.
officer-expired = Esta credencial está vencida. Pida a la oficina de credenciales un nuevo código de registro.
officer-challenge-label = Código que le muestra el residente (si le pide uno)
officer-forget = Quitar la credencial de este teléfono
